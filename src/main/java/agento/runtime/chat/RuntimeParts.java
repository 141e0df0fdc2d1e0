package agento.runtime.chat;

import agento.feature.Shared;
import agento.provider.core.ConnectionHealth;
import agento.provider.core.ConnectionTest;
import agento.provider.core.Credentials;
import agento.runtime.openai.ResponsesClient;
import agento.runtime.toolbox.ToolBox;
import java.sql.Connection;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The running side of agents wired together: conversations and their tool calls, the reply writer and relay, Start
 * and Stop.
 */
public record RuntimeParts(Conversations conversations, ToolCallLog toolCalls, ChatRelay relay, AgentRuntime runtime) {
    /** Replies written at once, across all agents; one more is refused rather than queued behind a slow one. */
    static final int MAX_STREAMS = 256;

    /** What the runtime takes from the provider feature: the credential seam, health and Start's check. */
    public record Provider(Credentials credentials, ConnectionHealth health, ConnectionTest test) {}

    public static RuntimeParts create(Shared shared, Provider provider, ToolBox tools, String originator) {
        Conversations conversations = new Conversations(shared.database().jdbi(), shared.clock());
        ToolCallLog toolCalls = new ToolCallLog(shared.database().jdbi(), shared.clock());
        ReplyWriter writer = new ReplyWriter(provider.credentials(), provider.health(), new ResponsesClient(),
                conversations, new ReplyWriter.Tools(tools, toolCalls, originator));
        ChatRelay relay = new ChatRelay(conversations, writer, workers());
        return new RuntimeParts(conversations, toolCalls, relay,
                new AgentRuntime(shared.agents(), provider.credentials(), provider.health(), provider.test(), relay));
    }

    /** Before the server answers: replies and tool calls a stopped server left unfinished are marked so. */
    public void abandonUnfinished(Connection connection) {
        conversations.abandonUnfinished(connection, "The server restarted before this reply was finished.");
        toolCalls.abandon(connection, "The server restarted before this call was finished.");
    }

    private static ExecutorService workers() {
        return new ThreadPoolExecutor(0, MAX_STREAMS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "agento-chat-reply");
            thread.setDaemon(true);
            return thread;
        });
    }
}
