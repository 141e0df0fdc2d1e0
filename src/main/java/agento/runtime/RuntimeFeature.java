package agento.runtime;

import agento.feature.Feature;
import agento.feature.Shared;
import agento.provider.ProviderFeature;
import agento.runtime.chat.ChatRelay;
import agento.runtime.chat.Conversations;
import agento.runtime.chat.RuntimeParts;
import agento.runtime.web.ChatPage;
import agento.runtime.web.ChatRoutes;
import agento.runtime.web.RunRoutes;
import agento.web.RouteTable;
import java.util.List;

/**
 * Agents that run: Start and Stop with their checks, the Overview tab, and the web chat that streams the model's
 * reply. Calls OpenAI only through the provider's credential seam.
 */
public final class RuntimeFeature implements Feature {
    private final RuntimeParts parts;
    private final List<RouteTable> routes;

    public RuntimeFeature(Shared shared, ProviderFeature provider, String originator) {
        parts = RuntimeParts.create(shared, provider.credentials(), provider.health(), provider.connectionTest(),
                originator);
        Conversations conversations = parts.conversations();
        routes = List.of(new RunRoutes(parts.runtime(), provider.health(), conversations),
                new ChatRoutes(parts.relay(), conversations, new ChatPage(conversations)));
    }

    /** The chat relay: Telegram sends messages through it too. */
    public ChatRelay relay() {
        return parts.relay();
    }

    public RuntimeParts parts() {
        return parts;
    }

    @Override
    public List<RouteTable> routes() {
        return routes;
    }
}
