package agento;

import agento.accounts.AccountRoutes;
import agento.accounts.AccountService;
import agento.agents.AgentRoutes;
import agento.agents.AgentService;
import agento.connections.ApiKeyConnections;
import agento.connections.ConnectionRoutes;
import agento.connections.ConnectionStore;
import agento.connections.ConnectionViews;
import agento.connections.ModelChoice;
import agento.connections.LoopbackCallbackListener;
import agento.connections.OAuthCallbackHandler;
import agento.connections.OAuthConnections;
import agento.connections.OAuthRevoker;
import agento.connections.OAuthRoutes;
import agento.connections.ProviderCard;
import agento.connections.TokenRefresher;
import agento.db.Database;
import agento.providers.openai.OAuthClient;
import agento.providers.openai.OAuthSettings;
import agento.providers.openai.OpenAiApiClient;
import agento.providers.openai.ScribeJavaOAuthClient;
import agento.vault.SecretStore;
import agento.vault.SecretVault;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.WebServer;
import io.javalin.Javalin;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/** The composition root: opens the database, wires every feature, and starts the web server. */
public final class Agento implements AutoCloseable {
    static final long MAX_REQUEST_BYTES = 256 * 1024;

    private final Database database;
    private final Javalin web;
    private final TokenRefresher refresher;
    private final LoopbackCallbackListener loopback;

    private Agento(Database database, Javalin web, TokenRefresher refresher, LoopbackCallbackListener loopback) {
        this.database = database;
        this.web = web;
        this.refresher = refresher;
        this.loopback = loopback;
    }

    /** Starts Agento with {@code config}; the caller owns the returned instance and closes it. */
    public static Agento start(AppConfig config, Clock clock) {
        Database database = Database.open(config.dbUrl(), "sa", "");
        TokenRefresher refresher = null;
        LoopbackCallbackListener loopback = null;
        try {
            SecretVault vault = SecretVault.open(config.dataDir(), config.masterKey(), database.jdbi());
            SecretStore secrets = new SecretStore(database.jdbi(), vault);
            AccountService accounts = new AccountService(database.jdbi(), clock);
            AgentService agents = new AgentService(database.jdbi(), clock);
            OpenAiApiClient openAi = new OpenAiApiClient(config.openAiApiBase(), config.openAiChatGptBase());
            ConnectionStore connections = new ConnectionStore(database.jdbi(), secrets, clock);
            ModelChoice models = new ModelChoice(agents, connections);
            AppConfig.OAuthConfig o = config.oauth();
            OAuthSettings oauthSettings = new OAuthSettings(o.authorizeUrl(), o.tokenUrl(), o.revokeUrl(), o.clientId(),
                    o.scopes(), o.redirectUri(), o.extraAuthorizeParams(), o.issuer());
            OAuthClient oauthClient = new ScribeJavaOAuthClient(oauthSettings, ScribeJavaOAuthClient.DEFAULT_CONNECT_TIMEOUT,
                    ScribeJavaOAuthClient.DEFAULT_TOTAL_TIMEOUT, clock);
            OAuthRevoker revoker = new OAuthRevoker(oauthClient);
            SecureRandom random = new SecureRandom();
            refresher = new TokenRefresher(database.jdbi(), secrets, connections, oauthClient, clock, random);
            agents.onDelete((handle, agent) -> connections.removeForDeletedAgent(handle, agent.id(), revoker));
            ApiKeyConnections apiKeys = new ApiKeyConnections(agents, connections, openAi, revoker, clock);
            OAuthConnections oauth = new OAuthConnections(database.jdbi(), agents, connections, oauthClient,
                    oauthSettings, vault, openAi, refresher, revoker, clock);
            OAuthCallbackHandler callbacks = new OAuthCallbackHandler(database.jdbi(), agents, connections,
                    oauthClient, oauthSettings, vault, refresher, revoker, clock, random);
            ProviderCard card = new ProviderCard(agents, new ConnectionViews(connections, models), oauth);
            RouteTable health = routes -> routes.get("/health", ctx -> {
                boolean up = database.isReachable();
                ctx.status(up ? 200 : 503).result(up ? "ok" : "database unreachable");
            }, Role.ANYONE);
            List<RouteTable> features = List.of(
                    health,
                    new AccountRoutes(accounts, clock),
                    new AgentRoutes(agents, List.of(card)),
                    new ConnectionRoutes(card, apiKeys, oauth, connections, models),
                    new OAuthRoutes(oauth, callbacks, card, o.redirectUri()));
            WebServer.Settings settings = new WebServer.Settings(config.secureCookies(), MAX_REQUEST_BYTES,
                    config.oauth().authorizeUrl());
            Javalin web = WebServer.create(settings, clock, accounts::setupNeeded, features);
            web.start(config.port());
            refresher.start();
            if (LoopbackCallbackListener.needed(o.redirectUri(), web.port())) {
                loopback = LoopbackCallbackListener.start(o.redirectUri(), config.baseUrl() + OAuthRoutes.CALLBACK_PATH);
            }
            return new Agento(database, web, refresher, loopback);
        } catch (RuntimeException e) {
            if (refresher != null) {
                refresher.close();
            }
            database.close();
            throw e;
        }
    }

    public int port() {
        return web.port();
    }

    public Database database() {
        return database;
    }

    /** The background token refresher (its refresh count is a figure tests and the bench report). */
    public TokenRefresher tokenRefresher() {
        return refresher;
    }

    @Override
    public void close() {
        if (loopback != null) {
            loopback.close();
        }
        refresher.close();
        web.stop();
        database.close();
    }
}
