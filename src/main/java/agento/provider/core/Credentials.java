package agento.provider.core;

import agento.agents.Agent;

/**
 * The credential seam: the only way any feature (test connection, chat, Telegram, tools) gets what it needs to call
 * OpenAI for an agent. The agent must already be authorized for the caller.
 */
public interface Credentials {
    String NOT_CONNECTED = "Connect an AI provider in Settings first.";

    /**
     * The agent's API key with the API base URL, or its ChatGPT access token with account id and backend URL (renewed
     * first when it is about to expire), or {@link Credential.NotUsable} with the state and a reason to show.
     */
    Credential forAgent(Agent agent);

    /**
     * After OpenAI refused {@code rejected} with 401: for a sign-in, renews the access token now (once, shared with
     * concurrent callers) and returns the new one; for an API key, nothing can help and the answer is NotUsable.
     */
    Credential renewedAfterRejection(Agent agent, Credential rejected);
}
