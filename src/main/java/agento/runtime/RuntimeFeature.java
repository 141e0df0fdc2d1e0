package agento.runtime;

import agento.feature.Feature;
import agento.feature.Shared;
import agento.provider.ProviderFeature;
import agento.runtime.chat.ChatRelay;
import agento.runtime.chat.Conversations;
import agento.runtime.chat.RuntimeParts;
import agento.runtime.toolbox.ToolBox;
import agento.runtime.web.ChatPage;
import agento.runtime.web.ChatRoutes;
import agento.runtime.web.RunRoutes;
import agento.web.RouteTable;
import java.sql.Connection;
import java.util.List;

/**
 * Agents that run: Start and Stop with their checks, the Overview tab, and the web chat that streams the model's
 * reply, calling the agent's tools between. Calls OpenAI only through the provider's credential seam; knows tools only
 * through the {@link ToolBox} seam.
 */
public final class RuntimeFeature implements Feature {
    private final RuntimeParts parts;
    private final List<RouteTable> routes;

    /** {@code tools}: the tools agents may call while they chat (the tools feature's, or {@link ToolBox#NONE}). */
    public RuntimeFeature(Shared shared, ProviderFeature provider, ToolBox tools, String originator) {
        parts = RuntimeParts.create(shared, new RuntimeParts.Provider(provider.credentials(), provider.health(),
                provider.connectionTest()), tools, originator);
        Conversations conversations = parts.conversations();
        routes = List.of(new RunRoutes(parts.runtime(), provider.health(), conversations),
                new ChatRoutes(parts.relay(), conversations, new ChatPage(conversations, parts.toolCalls())));
    }

    /** The chat relay: Telegram sends messages through it too. */
    public ChatRelay relay() {
        return parts.relay();
    }

    public RuntimeParts parts() {
        return parts;
    }

    @Override
    public void beforeServing(Connection connection) {
        parts.abandonUnfinished(connection);
    }

    @Override
    public List<RouteTable> routes() {
        return routes;
    }
}
