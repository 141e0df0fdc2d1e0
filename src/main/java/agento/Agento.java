package agento;

import agento.accounts.AccountRoutes;
import agento.accounts.AccountService;
import agento.accounts.UserAdminRoutes;
import agento.accounts.UserAdministration;
import agento.agents.AgentRoutes;
import agento.agents.AgentService;
import agento.agents.SettingsPage;
import agento.channels.telegram.TelegramFeature;
import agento.channels.telegram.poller.TelegramPoller;
import agento.common.Await;
import agento.common.BackgroundWorker;
import agento.common.OutboundHttp;
import agento.connectors.ConnectorsFeature;
import agento.db.DataFiles;
import agento.db.Database;
import agento.db.DatabaseHealth;
import agento.db.Jdbc;
import agento.feature.Feature;
import agento.feature.Shared;
import agento.jvm.IdleHeapShrink;
import agento.provider.ProviderFeature;
import agento.provider.oauth.LoopbackCallbackListener;
import agento.provider.refresh.TokenRefresher;
import agento.provider.web.OAuthRoutes;
import agento.runtime.RuntimeFeature;
import agento.tools.ToolsFeature;
import agento.vault.SecretStore;
import agento.vault.SecretVault;
import agento.web.PageAttributes;
import agento.web.Role;
import agento.web.RouteTable;
import agento.web.WebServer;
import io.javalin.Javalin;
import io.javalin.http.Handler;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The composition root: opens the database, builds every feature from the shared dependencies, starts the server. */
public final class Agento implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Agento.class);
    static final long MAX_REQUEST_BYTES = 256 * 1024;

    private final Database database;
    private final Javalin web;
    private final Parts parts;
    private final List<BackgroundWorker> workers;
    private final LoopbackCallbackListener loopback;

    /** The features tests and the bench look into. */
    private record Parts(ProviderFeature provider, ConnectorsFeature connectors, TelegramFeature telegram) {}

    private Agento(Database database, Javalin web, Parts parts, List<BackgroundWorker> workers,
                   LoopbackCallbackListener loopback) {
        this.database = database;
        this.web = web;
        this.parts = parts;
        this.workers = workers;
        this.loopback = loopback;
    }

    /** Starts Agento with {@code config}; the caller owns the returned instance and closes it. */
    public static Agento start(AppConfig config, Clock clock) {
        // the migrations run beside what follows; a query waits for them (Database), the web server serves after them
        Database database = Database.start(config.dbUrl(), config.dbUser(), config.dbPassword());
        List<BackgroundWorker> started = new ArrayList<>();
        try {
            DatabaseHealth health = new DatabaseHealth(database);
            SecretVault.Loaded keys = SecretVault.load(config.dataDir(), config.masterKey());
            SecretVault vault = keys.vault();
            AccountService accounts = new AccountService(database.jdbi(), clock);
            AgentService agents = new AgentService(database.jdbi(), clock);
            UserAdministration users = new UserAdministration(database.jdbi());
            SettingsPage settingsPage = new SettingsPage();
            Shared shared = new Shared(database, new SecretStore(database.jdbi(), vault), agents, settingsPage, clock,
                    new SecureRandom(), new OutboundHttp(OutboundHttp.DEFAULT_CONNECT_TIMEOUT));
            ProviderFeature provider = new ProviderFeature(shared, config.openAi(), config.baseUrl());
            String originator = config.oauth().extraAuthorizeParams().getOrDefault("originator", "agento");
            ConnectorsFeature connectors = new ConnectorsFeature(shared, config.connectorAllowedHosts(),
                    config.openAiApiBase());
            ToolsFeature tools = new ToolsFeature(shared, connectors);
            RuntimeFeature runtime = new RuntimeFeature(shared, provider, tools.toolBox(), originator);
            TelegramFeature telegram = new TelegramFeature(shared, config.telegramApiBase(), provider, runtime);
            List<Feature> features = List.of(provider, runtime, telegram, tools, connectors);
            users.onRemove(agents::deleteAllOwnedBy);
            users.onRemove(connectors::removeSecretsOf);

            List<RouteTable> routes = new ArrayList<>(List.of(health(health), new AccountRoutes(accounts, clock),
                    new UserAdminRoutes(accounts, users),
                    new AgentRoutes(agents, settingsPage)));
            List<PageAttributes> pageAttributes = new ArrayList<>();
            features.forEach(feature -> {
                routes.addAll(feature.routes());
                settingsPage.addSections(feature.settingsSections());
                pageAttributes.addAll(feature.pageAttributes());
            });
            CompletableFuture<Void> ready = new CompletableFuture<>();
            WebServer.Settings settings = new WebServer.Settings(config.secureCookies(), MAX_REQUEST_BYTES,
                    database.dataSource(), config.onlyServerOnDatabase(), ready, config.oauth().authorizeUrl());
            Javalin web = WebServer.create(settings, clock, accounts, routes, pageAttributes,
                    database.generation()::current);
            // the web server starts beside the migrations and the checks below; it answers no request before `ready`
            // (WebServer.Settings), and a port in use fails it at once
            CompletableFuture<Void> serving = ServerStart.begin(web, config.port());
            try {
                database.awaitSchema();
                ServerStart.failFast(serving); // a port in use: before anything below writes
                DataFiles.restrict(config.dataDir()); // after H2 made its file
                keys.checkAgainst(database.dataSource());
                Jdbc.useTransaction(database.dataSource(),
                        connection -> features.forEach(feature -> feature.beforeServing(connection)));
                health.start();
                started.add(health);
                ready.complete(null);
            } catch (Throwable e) {
                ready.completeExceptionally(e);
                ServerStart.abandon(web, serving);
                throw e;
            }
            Await.done(serving); // the server answers requests, or its start's failure (a port in use) is thrown
            // after the server is up: asking which collector runs loads about 120 JMX classes
            IdleHeapShrink.forThisJvm().ifPresent(shrink -> {
                shrink.start();
                started.add(shrink);
            });
            for (Feature feature : features) {
                for (BackgroundWorker worker : feature.workers()) {
                    worker.start();
                    started.add(worker);
                }
            }
            String redirectUri = config.oauth().redirectUri();
            LoopbackCallbackListener loopback = LoopbackCallbackListener.needed(redirectUri, web.port())
                    ? LoopbackCallbackListener.start(redirectUri, config.baseUrl() + OAuthRoutes.CALLBACK_PATH) : null;
            return new Agento(database, web, new Parts(provider, connectors, telegram), started, loopback);
        } catch (RuntimeException | Error e) {
            started.forEach(BackgroundWorker::close);
            database.close();
            throw e;
        }
    }

    private static RouteTable health(DatabaseHealth database) {
        Handler answer = ctx -> {
            boolean up = database.isUp();
            ctx.status(up ? 200 : 503).result(up ? "ok" : "database unreachable");
        };
        // HEAD too, for uptime checkers: signed out, a HEAD without its own route was sent to sign in
        return routes -> {
            routes.get("/health", answer, Role.ANYONE);
            routes.head("/health", answer, Role.ANYONE);
        };
    }

    public int port() {
        return web.port();
    }

    public Database database() {
        return database;
    }

    /** The background token refresher (its refresh count is a figure tests and the bench report). */
    public TokenRefresher tokenRefresher() {
        return parts.provider().tokenRefresher();
    }

    /** Connectors: the action runner and the list of actions the agent tools build on. */
    public ConnectorsFeature connectors() {
        return parts.connectors();
    }

    /** The Telegram poller (tests read how many bots it polls). */
    public TelegramPoller telegramPoller() {
        return parts.telegram().poller();
    }

    @Override
    public void close() {
        if (loopback != null) {
            loopback.close();
        }
        workers.forEach(BackgroundWorker::close);
        try {
            web.stop();
        } catch (RuntimeException e) {
            // Jetty can fail to passivate a session a last request evicts at the same moment ("not resident"); the
            // database still closes. The message names the session id, a secret: only the type is logged.
            log.warn("the web server stopped with an error ({})", e.getClass().getSimpleName());
        }
        database.close();
    }
}
