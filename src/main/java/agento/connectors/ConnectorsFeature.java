package agento.connectors;

import agento.connectors.core.ActionService;
import agento.connectors.core.ConnectorService;
import agento.connectors.core.VariableService;
import agento.connectors.guard.ConnectorGuard;
import agento.connectors.guard.GuardedHttp;
import agento.connectors.guard.HostAllowlist;
import agento.connectors.run.ActionRunner;
import agento.connectors.web.ActionRoutes;
import agento.connectors.web.ConnectorRoutes;
import agento.connectors.web.VariableRoutes;
import agento.feature.Feature;
import agento.feature.Shared;
import agento.web.RouteTable;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * HTTP connectors: a person's connectors, variables and actions, the Test button, and the {@link ActionRunner} and
 * {@link ActionService#tools(long)} the agent tools build on. Every call goes through one SSRF guard.
 */
public final class ConnectorsFeature implements Feature {
    private final ActionService actions;
    private final ActionRunner runner;
    private final ConnectorsOfRemovedUser removedUsers;
    private final List<RouteTable> routes;

    /** {@code openAiApiBase} is where the OpenAI template points (AGENTO_OPENAI_API_BASE). */
    public ConnectorsFeature(Shared shared, HostAllowlist allowlist, String openAiApiBase) {
        var jdbi = shared.database().jdbi();
        VariableService variables = new VariableService(jdbi, shared.secrets(), shared.clock());
        actions = new ActionService(jdbi, variables, shared.clock());
        ConnectorService connectors = new ConnectorService(jdbi, shared.secrets(), variables, actions, shared.clock());
        GuardedHttp http = new GuardedHttp(new ConnectorGuard(allowlist), shared.http(), GuardedHttp.TOTAL_TIMEOUT);
        runner = new ActionRunner(jdbi, connectors, actions, variables, http, shared.clock());
        removedUsers = new ConnectorsOfRemovedUser(shared.secrets());
        routes = List.of(new VariableRoutes(variables), new ConnectorRoutes(connectors, actions, variables, openAiApiBase),
                new ActionRoutes(connectors, actions, runner));
    }

    /** Runs an action for its owner, through the guard (the tools issue calls this). */
    public ActionRunner runner() {
        return runner;
    }

    /** A person's actions with their {@code {{input.x}}} names: {@link ActionService#tools(long)}. */
    public ActionService actions() {
        return actions;
    }

    /** An account is being removed (inside its transaction): its connectors' and variables' secrets go. */
    public void removeSecretsOf(Handle h, long ownerId) {
        removedUsers.removeSecrets(h, ownerId);
    }

    @Override
    public List<RouteTable> routes() {
        return routes;
    }
}
