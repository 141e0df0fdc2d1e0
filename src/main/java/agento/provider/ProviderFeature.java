package agento.provider;

import agento.agents.SettingsSection;
import agento.common.BackgroundWorker;
import agento.feature.Feature;
import agento.feature.Shared;
import agento.provider.apikey.ApiKeyConnections;
import agento.provider.core.ConnectionHealth;
import agento.provider.core.ConnectionStore;
import agento.provider.core.ConnectionTest;
import agento.provider.core.Credentials;
import agento.provider.core.ModelChoice;
import agento.provider.oauth.DevicePoller;
import agento.provider.oauth.DeviceSignIn;
import agento.provider.oauth.OAuthCallbackHandler;
import agento.provider.oauth.OAuthRevoker;
import agento.provider.oauth.OAuthSignIn;
import agento.provider.oauth.SignInAttempts;
import agento.provider.oauth.SignInCompletion;
import agento.provider.openai.DeviceAuthClient;
import agento.provider.openai.OAuthClient;
import agento.provider.openai.OpenAiApiClient;
import agento.provider.openai.OpenAiEndpoints;
import agento.provider.openai.ScribeJavaOAuthClient;
import agento.provider.refresh.CredentialSource;
import agento.provider.refresh.TokenRefresher;
import agento.provider.web.ConnectionViews;
import agento.provider.web.CredentialBanner;
import agento.provider.web.DeviceRoutes;
import agento.provider.web.OAuthRoutes;
import agento.provider.web.ProviderCard;
import agento.provider.web.ProviderRoutes;
import agento.web.PageAttributes;
import agento.web.RouteTable;
import java.util.List;

/**
 * The AI provider connection of an agent (OpenAI by API key or by Sign in with OpenAI), built from the shared
 * dependencies: its routes, the AI Provider settings section, the token refresher, and the {@link Credentials} seam
 * other features use to call OpenAI.
 */
public final class ProviderFeature implements Feature {
    private final Credentials credentials;
    private final ConnectionHealth health;
    private final ConnectionTest connectionTest;
    private final TokenRefresher refresher;
    private final DevicePoller devicePoller;
    private final ProviderCard card;
    private final List<RouteTable> routes;

    /** {@code baseUrl}: AGENTO_BASE_URL, for the card's hint when the browser uses another address. */
    public ProviderFeature(Shared shared, OpenAiEndpoints openAi, String baseUrl) {
        var jdbi = shared.database().jdbi();
        OAuthClient oauth = new ScribeJavaOAuthClient(openAi.oauth(), ScribeJavaOAuthClient.DEFAULT_CONNECT_TIMEOUT,
                ScribeJavaOAuthClient.DEFAULT_TOTAL_TIMEOUT, shared.clock());
        ConnectionStore store = new ConnectionStore(jdbi, shared.secrets(), shared.clock());
        OpenAiApiClient api = new OpenAiApiClient(shared.http(), openAi.apiBase(), openAi.chatGptBase());
        OAuthRevoker revoker = new OAuthRevoker(oauth);
        refresher = new TokenRefresher(jdbi, shared.secrets(), store, oauth, shared.clock(), shared.random());
        credentials = new CredentialSource(store, refresher, openAi);
        health = new ConnectionHealth(store);
        connectionTest = new ConnectionTest(store, credentials, api);
        SignInAttempts attempts = new SignInAttempts(jdbi, shared.secrets(), shared.clock());
        OAuthSignIn signIn = new OAuthSignIn(attempts, oauth, store, revoker);
        SignInCompletion completion = new SignInCompletion(attempts, store, refresher, revoker);
        DeviceSignIn device = new DeviceSignIn(attempts,
                new DeviceAuthClient(shared.http(), openAi.device(), openAi.oauth().clientId()), oauth, completion);
        devicePoller = new DevicePoller(attempts, device, shared.clock());
        ModelChoice models = new ModelChoice(shared.agents(), store);
        card = new ProviderCard(new ConnectionViews(store, models), signIn, device, shared.settingsPage(), baseUrl,
                openAi.oauth().redirectUri());
        shared.agents().onDelete((h, agent) -> {
            attempts.removeForAgent(h, agent.id());
            store.removeForDeletedAgent(h, agent.id(), revoker);
        });
        routes = List.of(
                new ProviderRoutes(card, new ApiKeyConnections(store, api, revoker, shared.clock()),
                        connectionTest, models),
                new OAuthRoutes(signIn, new OAuthCallbackHandler(attempts, oauth, completion), card,
                        oauth.settings().redirectUri()),
                new DeviceRoutes(device, card));
    }

    /** The credential seam: the only way other features get what they need to call OpenAI for an agent. */
    public Credentials credentials() {
        return credentials;
    }

    /** The connection's summary for other pages, and what they report back (OpenAI refused, no billing). */
    public ConnectionHealth health() {
        return health;
    }

    /** Test connection, for both methods. */
    public ConnectionTest connectionTest() {
        return connectionTest;
    }

    /** The background token refresher (its refresh count is a figure tests and the bench report). */
    public TokenRefresher tokenRefresher() {
        return refresher;
    }

    @Override
    public List<RouteTable> routes() {
        return routes;
    }

    @Override
    public List<SettingsSection> settingsSections() {
        return List.of(card);
    }

    @Override
    public List<BackgroundWorker> workers() {
        return List.of(refresher, devicePoller);
    }

    @Override
    public List<PageAttributes> pageAttributes() {
        return List.of(new CredentialBanner(health));
    }
}
