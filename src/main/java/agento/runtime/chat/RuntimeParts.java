package agento.runtime.chat;

import agento.feature.Shared;
import agento.provider.core.ConnectionHealth;
import agento.provider.core.ConnectionTest;
import agento.provider.core.Credentials;
import agento.runtime.openai.ResponsesClient;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The running side of agents wired together: conversations, the reply writer and relay, Start and Stop. */
public record RuntimeParts(Conversations conversations, ChatRelay relay, AgentRuntime runtime) {
    /** Replies written at once, across all agents; one more is refused rather than queued behind a slow one. */
    static final int MAX_STREAMS = 256;

    public static RuntimeParts create(Shared shared, Credentials credentials, ConnectionHealth health,
                                      ConnectionTest test, String originator) {
        Conversations conversations = new Conversations(shared.database().jdbi(), shared.clock());
        conversations.abandonUnfinished("The server restarted before this reply was finished.");
        ReplyWriter writer = new ReplyWriter(credentials, health, new ResponsesClient(), conversations, originator);
        ChatRelay relay = new ChatRelay(conversations, writer, workers());
        return new RuntimeParts(conversations, relay, new AgentRuntime(shared.agents(), credentials, health, test, relay));
    }

    private static ExecutorService workers() {
        return new ThreadPoolExecutor(0, MAX_STREAMS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "agento-chat-reply");
            thread.setDaemon(true);
            return thread;
        });
    }
}
