package agento.web;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import javax.sql.DataSource;
import org.eclipse.jetty.ee10.servlet.SessionHandler;
import org.eclipse.jetty.session.DatabaseAdaptor;
import org.eclipse.jetty.session.DefaultSessionCache;
import org.eclipse.jetty.session.JDBCSessionDataStore;
import org.eclipse.jetty.session.SessionCache;

/**
 * Sessions live in the database ({@code http_sessions}, created by a migration): a restart signs nobody out, and
 * servers sharing one database share sign-ins. A changed session is written back when its last request ends.
 *
 * <p>Where another server may share the database, a session is read from it again for every request, so whichever
 * server the next request reaches sees the change (a sign-out, say). The only server on its database (embedded H2)
 * keeps a session in memory between requests until it has been idle for {@value #IDLE_IN_MEMORY_SECONDS} s: nobody
 * else can change it, and reading it back cost about half a millisecond per request.
 *
 * <p>Jetty starts its session store after binding the port and before it accepts a connection: the store waits there
 * until the rest of the server is ready ({@code ready}), so the server can start beside the migrations and the
 * vault's check while no request reaches a handler before they pass.
 */
final class SessionStore {
    static final String TABLE = "http_sessions";
    /** An unchanged session's new access time is written at most this often (idle timeouts are 2 h and 15 min). */
    private static final int SAVE_PERIOD_SECONDS = 60;
    /** How long the only server keeps an unused session in memory (the store still has it afterwards). */
    static final int IDLE_IN_MEMORY_SECONDS = 15 * 60;

    private SessionStore() {}

    static void keepIn(SessionHandler sessions, DataSource dataSource, boolean onlyServer,
                       CompletionStage<Void> ready) {
        DatabaseAdaptor adaptor = new DatabaseAdaptor();
        adaptor.setDatasource(dataSource);
        JDBCSessionDataStore.SessionTableSchema schema = new JDBCSessionDataStore.SessionTableSchema();
        schema.setTableName(TABLE);
        JDBCSessionDataStore store = new StartsWhenReady(ready.toCompletableFuture());
        store.setDatabaseAdaptor(adaptor);
        store.setSessionTableSchema(schema);
        store.setSavePeriodSec(SAVE_PERIOD_SECONDS);
        DefaultSessionCache cache = new DefaultSessionCache(sessions);
        // with other servers, no copy outlives its requests: another server may change the session in between
        cache.setEvictionPolicy(onlyServer ? IDLE_IN_MEMORY_SECONDS : SessionCache.EVICT_ON_SESSION_EXIT);
        cache.setRemoveUnloadableSessions(true);
        cache.setSessionDataStore(store);
        sessions.setSessionCache(cache);
    }

    private static final class StartsWhenReady extends JDBCSessionDataStore {
        private final CompletableFuture<Void> ready;

        StartsWhenReady(CompletableFuture<Void> ready) {
            this.ready = ready;
        }

        @Override
        protected void doStart() throws Exception {
            try {
                ready.join();
            } catch (CompletionException | CancellationException e) {
                throw new NotStarting();
            }
            super.doStart();
        }
    }

    /** Start-up failed elsewhere (and says why there): the server stops starting, without a second stack trace. */
    static final class NotStarting extends Exception {
        NotStarting() {
            super("start-up stopped before serving", null, false, false);
        }
    }
}
