package agento.connectors.run;

import agento.common.OutboundHttp;
import agento.common.PinnedRequest;
import agento.connectors.core.Action;
import agento.connectors.core.ActionService;
import agento.connectors.core.AuthType;
import agento.connectors.core.Connector;
import agento.connectors.core.ConnectorService;
import agento.connectors.core.VariableService;
import agento.connectors.guard.BlockedAddressException;
import agento.connectors.guard.GuardedHttp;
import agento.connectors.text.Placeholders;
import agento.vault.SecretUnreadableException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a connector action: the Test button and, later, agents calling actions as tools. One runner, one guard: the
 * request is built from the action, the person's variables and the inputs, sent through {@link GuardedHttp}, and the
 * result (secrets masked) is returned and kept among the action's last 20 runs.
 */
public final class ActionRunner {
    public static final int KEPT_RUNS = 20;
    static final int KEPT_BODY = 2000;
    private static final Logger log = LoggerFactory.getLogger(ActionRunner.class);

    private final Jdbi jdbi;
    private final ConnectorService connectors;
    private final ActionService actions;
    private final VariableService variables;
    private final GuardedHttp http;
    private final Clock clock;

    public ActionRunner(Jdbi jdbi, ConnectorService connectors, ActionService actions, VariableService variables,
                        GuardedHttp http, Clock clock) {
        this.jdbi = jdbi;
        this.connectors = connectors;
        this.actions = actions;
        this.variables = variables;
        this.http = http;
        this.clock = clock;
    }

    /**
     * Runs the owner's action with {@code inputs} (input name → value, for its {@code {{input.x}}} placeholders) and
     * keeps the run. Another person's action is {@link agento.connectors.core.ConnectorNotFoundException}.
     */
    public RunResult run(long ownerId, long actionId, Map<String, String> inputs) {
        Action action = actions.get(ownerId, actionId);
        Connector connector = connectors.get(ownerId, action.connectorId());
        Instant at = clock.instant();
        long started = System.nanoTime();
        RunResult result;
        try {
            result = send(ownerId, connector, action, inputs, at, started);
        } catch (SecretUnreadableException e) {
            result = RunResult.failed("The connector's stored credential could not be decrypted: enter it again "
                    + "(Edit).", connector.baseUrl(), 0, at);
        }
        record(actionId, result);
        log.info("connector run by user {}: action {} -> {} in {} ms", ownerId, actionId,
                result.status() == null ? "no answer" : result.status(), result.durationMs());
        return result;
    }

    /** The action's last runs, newest first. */
    public List<ActionRun> history(long ownerId, long actionId) {
        actions.get(ownerId, actionId);
        return jdbi.withExtension(RunRepository.class, r -> r.latest(actionId, KEPT_RUNS));
    }

    private RunResult send(long ownerId, Connector connector, Action action, Map<String, String> inputs, Instant at,
                           long started) {
        String credential = connectors.secret(connector).orElse(null);
        Set<String> names = new LinkedHashSet<>(action.variables());
        names.addAll(Placeholders.variables(credential));
        Map<String, String> values = variables.values(ownerId, names);
        SecretMask mask = new SecretMask();
        values.forEach((name, value) -> mask.add(value, "{{" + name + "}}"));
        String secret = credential == null ? null : Placeholders.substitute(credential, values::get);
        if (credential != null && !Placeholders.onlyReferences(credential)) {
            mask.add(secret, "[" + secretLabel(connector) + "]");
        }
        if (secret != null && connector.auth() == AuthType.BASIC) { // echoed Basic credentials: user:password in Base64
            mask.add(Base64.getEncoder().encodeToString((connector.authKey() + ":" + secret)
                    .getBytes(StandardCharsets.UTF_8)), "[Basic credentials]");
        }
        for (String name : names) {
            if (!values.containsKey(name)) {
                return RunResult.failed("Unknown variable {{" + name + "}}: create it under Variables.",
                        connector.baseUrl(), 0, at);
            }
        }
        for (String input : action.inputs()) {
            if (inputs.get(input) == null) {
                return RunResult.failed("The input " + input + " has no value.", connector.baseUrl(), 0, at);
            }
        }
        PinnedRequest request;
        try {
            request = new RequestBuilder(values, inputs).build(connector, action, credential);
        } catch (IllegalArgumentException e) {
            return RunResult.failed("The address built from the base URL and the path is not valid.",
                    connector.baseUrl(), 0, at);
        }
        String host = request.uri().getHost();
        String url = mask.apply(request.uri().toString());
        Set<String> credentialHeaders = connector.auth() == AuthType.API_KEY && !connector.apiKeyInQuery()
                ? Set.of(connector.authKey()) : Set.of();
        try {
            GuardedHttp.Exchange exchange = http.send(request, credentialHeaders);
            return Responses.result(exchange, Outcomes.ofStatus(exchange.answer().status(), connector, action,
                    exchange.redirects()), mask, millis(started), at);
        } catch (BlockedAddressException e) {
            log.warn("security: connector call blocked for user {} (action {}): {}", ownerId, action.id(), e.why());
            return RunResult.failed(e.getMessage(), url, millis(started), at);
        } catch (UnknownHostException e) {
            return RunResult.failed(Outcomes.nameNotFound(host), url, millis(started), at);
        } catch (OutboundHttp.Failure e) {
            return RunResult.failed(Outcomes.ofFailure(e.getMessage(), host), url, millis(started), at);
        }
    }

    private void record(long actionId, RunResult result) {
        String headers = Responses.joinHeaders(result.headers());
        ActionRun run = new ActionRun(0, actionId, result.at(), result.succeeded(), result.status(),
                result.durationMs(), ResponseBody.cut(result.outcome(), 1000), ResponseBody.cut(result.finalUrl(), 4000),
                ResponseBody.cut(headers, 8000), ResponseBody.cut(result.body(), KEPT_BODY));
        jdbi.useExtension(RunRepository.class, r -> r.record(run, KEPT_RUNS));
    }

    private static String secretLabel(Connector connector) {
        return connector.auth() == AuthType.BASIC ? "Password" : connector.auth() == AuthType.BEARER ? "Token"
                : "Api Key";
    }

    private static long millis(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }
}
