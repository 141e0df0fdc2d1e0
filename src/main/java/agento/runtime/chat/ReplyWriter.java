package agento.runtime.chat;

import agento.agents.Agent;
import agento.provider.core.ConnectionHealth;
import agento.provider.core.Credential;
import agento.provider.core.Credentials;
import agento.runtime.openai.ChatFailure;
import agento.runtime.openai.ChatOutcome;
import agento.runtime.openai.InputItem;
import agento.runtime.openai.ResponsesClient;
import agento.runtime.openai.ResponsesRequest;
import agento.runtime.openai.ResponsesTarget;
import agento.runtime.openai.Usage;
import agento.runtime.toolbox.AgentTools;
import agento.runtime.toolbox.ToolBox;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one reply: the credential from the seam, the conversation so far, the agent's tools, streamed calls to
 * OpenAI with the tool calls between them ({@link ToolLoop}; a sign-in OpenAI refuses before anything happened is
 * renewed once and the reply started once more), then the reply and its outcome are stored. Every failure becomes a
 * message in the conversation and an Activity line on the AI Provider card.
 */
final class ReplyWriter {
    private static final Logger log = LoggerFactory.getLogger(ReplyWriter.class);
    static final String DEFAULT_INSTRUCTIONS = "You are a helpful assistant.";

    private final Credentials credentials;
    private final ConnectionHealth health;
    private final ResponsesClient client;
    private final Conversations conversations;
    private final Tools tools;

    /** The agent's tools and where their calls are kept; the originator names Agento to the ChatGPT backend. */
    record Tools(ToolBox box, ToolCallLog log, String originator) {}

    ReplyWriter(Credentials credentials, ConnectionHealth health, ResponsesClient client, Conversations conversations,
                Tools tools) {
        this.credentials = credentials;
        this.health = health;
        this.client = client;
        this.conversations = conversations;
        this.tools = tools;
    }

    void write(Agent agent, Conversation conversation, Generation generation) {
        List<InputItem> history = conversations.history(conversation, generation.messageId());
        Credential credential = credentials.forAgent(agent);
        if (credential instanceof Credential.NotUsable notUsable) {
            notUsable(agent, generation, notUsable);
            return;
        }
        AgentTools offered = tools.box().forAgent(agent);
        ToolLoop loop = new ToolLoop(offered, tools.log(), generation);
        ChatOutcome outcome = loop.run(history, model(agent, conversation, credential, generation));
        if (isUnauthorized(outcome) && credential instanceof Credential.ChatGptToken && outcome.text().isEmpty()
                && loop.made() == 0) {
            credential = credentials.renewedAfterRejection(agent, credential);
            if (credential instanceof Credential.NotUsable notUsable) {
                notUsable(agent, generation, notUsable);
                return;
            }
            loop = new ToolLoop(offered, tools.log(), generation);
            outcome = loop.run(history, model(agent, conversation, credential, generation));
        }
        if (isUnauthorized(outcome)) {
            health.rejected(agent);
        }
        save(agent, generation, outcome, loop.usage());
    }

    private void notUsable(Agent agent, Generation generation, Credential.NotUsable notUsable) {
        health.chatFailed(agent, "A chat reply failed: " + notUsable.reason());
        conversations.finishReply(generation.messageId(), "", Message.FAILED, notUsable.reason(), Usage.UNKNOWN);
    }

    private static boolean isUnauthorized(ChatOutcome outcome) {
        return outcome instanceof ChatOutcome.Failed f && f.failure().kind() == ChatFailure.Kind.UNAUTHORIZED;
    }

    private ToolLoop.Model model(Agent agent, Conversation conversation, Credential credential,
                                 Generation generation) {
        ResponsesTarget target = credential instanceof Credential.ApiKey key
                ? ResponsesTarget.apiKey(key.baseUrl(), key.key())
                : chatGpt((Credential.ChatGptToken) credential);
        String instructions = agent.instructions() == null || agent.instructions().isBlank()
                ? DEFAULT_INSTRUCTIONS : agent.instructions();
        return (input, options, onDelta) -> client.stream(new ResponsesRequest(target, agent.model(), instructions,
                input, Long.toString(conversation.id()), options), onDelta, generation.stopSignal());
    }

    private ResponsesTarget chatGpt(Credential.ChatGptToken token) {
        return ResponsesTarget.chatGpt(token.baseUrl(), token.accessToken(), token.accountId(), tools.originator());
    }

    // usage: every response of the reply, also those before a failure (tokens spent count)
    private void save(Agent agent, Generation generation, ChatOutcome outcome, Usage usage) {
        String status;
        String error = null;
        if (outcome instanceof ChatOutcome.Completed) {
            status = Message.COMPLETE;
        } else if (outcome instanceof ChatOutcome.Incomplete incomplete) {
            status = Message.INCOMPLETE;
            error = incomplete.message();
        } else if (outcome instanceof ChatOutcome.Stopped) {
            status = Message.STOPPED;
        } else {
            ChatFailure failure = ((ChatOutcome.Failed) outcome).failure();
            status = Message.FAILED;
            error = failure.message();
            if (failure.kind() == ChatFailure.Kind.INSUFFICIENT_QUOTA) {
                health.noQuota(agent);
            } else if (failure.kind() != ChatFailure.Kind.UNAUTHORIZED) {
                health.chatFailed(agent, "A chat reply failed: " + error);
            }
            log.info("chat reply for agent {} failed: {}", agent.id(), failure.kind());
        }
        conversations.finishReply(generation.messageId(), outcome.text(), status, error, usage);
    }
}
