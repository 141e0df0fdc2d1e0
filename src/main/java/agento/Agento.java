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
import agento.connections.OldCredentialRevoker;
import agento.db.Database;
import agento.providers.openai.OpenAiApiClient;
import agento.vault.SecretStore;
import agento.vault.SecretVault;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.WebServer;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.List;

/** The composition root: opens the database, wires every feature, and starts the web server. */
public final class Agento implements AutoCloseable {
    static final long MAX_REQUEST_BYTES = 256 * 1024;

    private final Database database;
    private final Javalin web;

    private Agento(Database database, Javalin web) {
        this.database = database;
        this.web = web;
    }

    /** Starts Agento with {@code config}; the caller owns the returned instance and closes it. */
    public static Agento start(AppConfig config, Clock clock) {
        Database database = Database.open(config.dbUrl(), "sa", "");
        try {
            SecretVault vault = SecretVault.open(config.dataDir(), config.masterKey(), database.jdbi());
            SecretStore secrets = new SecretStore(database.jdbi(), vault);
            AccountService accounts = new AccountService(database.jdbi(), clock);
            AgentService agents = new AgentService(database.jdbi(), clock);
            OpenAiApiClient openAi = new OpenAiApiClient(config.openAiApiBase(), config.openAiChatGptBase());
            ConnectionStore connections = new ConnectionStore(database.jdbi(), secrets, clock);
            agents.onDelete((handle, agent) -> connections.removeWithin(handle, agent.id()));
            ModelChoice models = new ModelChoice(agents, connections);
            OldCredentialRevoker revoker = (agentId, token) -> false;
            ApiKeyConnections apiKeys = new ApiKeyConnections(agents, connections, openAi, revoker, clock);
            ConnectionRoutes connectionRoutes = new ConnectionRoutes(agents, apiKeys, models,
                    new ConnectionViews(connections, models));
            RouteTable health = routes -> routes.get("/health", ctx -> {
                boolean up = database.isReachable();
                ctx.status(up ? 200 : 503).result(up ? "ok" : "database unreachable");
            }, Role.ANYONE);
            List<RouteTable> features = List.of(
                    health,
                    new AccountRoutes(accounts, clock),
                    new AgentRoutes(agents, List.of(connectionRoutes)),
                    connectionRoutes);
            WebServer.Settings settings = new WebServer.Settings(config.secureCookies(), MAX_REQUEST_BYTES,
                    config.oauth().authorizeUrl());
            Javalin web = WebServer.create(settings, clock, accounts::setupNeeded, features);
            web.start(config.port());
            return new Agento(database, web);
        } catch (RuntimeException e) {
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

    @Override
    public void close() {
        web.stop();
        database.close();
    }
}
