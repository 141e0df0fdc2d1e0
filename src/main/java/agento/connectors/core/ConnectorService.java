package agento.connectors.core;

import agento.common.InvalidInputException;
import agento.connectors.text.Placeholders;
import agento.connectors.text.SecretHint;
import agento.vault.SecretStore;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** A person's connectors: list, create (with new variables and a first action), edit, delete. Owner-scoped. */
public final class ConnectorService {
    private final Jdbi jdbi;
    private final SecretStore secrets;
    private final VariableService variables;
    private final ActionService actions;
    private final Clock clock;

    public ConnectorService(Jdbi jdbi, SecretStore secrets, VariableService variables, ActionService actions,
                            Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.variables = variables;
        this.actions = actions;
        this.clock = clock;
    }

    public List<ConnectorSummary> list(long ownerId) {
        return jdbi.withHandle(h -> {
            ConnectorRepository repo = h.attach(ConnectorRepository.class);
            Map<Long, ConnectorRepository.Row> rows = repo.summaries(ownerId).stream()
                    .collect(Collectors.toMap(ConnectorRepository.Row::id, Function.identity()));
            return repo.listOwned(ownerId).stream().map(c -> {
                ConnectorRepository.Row row = rows.get(c.id());
                return new ConnectorSummary(c, row.actionCount(), row.lastSucceeded(), row.lastOutcome());
            }).toList();
        });
    }

    /** The owner's connector, or {@link ConnectorNotFoundException} (also for another person's). */
    public Connector get(long ownerId, long connectorId) {
        return jdbi.withExtension(ConnectorRepository.class, r -> r.findOwned(connectorId, ownerId))
                .orElseThrow(ConnectorNotFoundException::new);
    }

    /**
     * Creates a connector in one transaction: first the variables given values on the form ({@code newVariables},
     * name → value; blank ones skipped), then the connector and its secret, then the first action unless it is blank.
     */
    public Connector create(long ownerId, ConnectorInput input, Map<String, String> newVariables, ActionInput first) {
        return jdbi.inTransaction(h -> {
            Map<String, String> errors = new LinkedHashMap<>();
            createVariables(h, ownerId, newVariables, errors);
            Set<String> known = variables.names(h, ownerId);
            ConnectorRules.Checked c = checked(h, ownerId, -1, input, known, false, errors);
            ActionRules.Checked action = first.isBlank() ? null : ActionRules.check(first, known, "action.", errors);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            long id = h.attach(ConnectorRepository.class).insert(ownerId, c, clock.instant());
            storeSecret(h, id, c);
            if (action != null) {
                actions.insert(h, id, action);
            }
            return h.attach(ConnectorRepository.class).findOwned(id, ownerId).orElseThrow();
        });
    }

    /** Saves the edited connector; a blank secret keeps the stored one (unless the Auth Config changed). */
    public Connector update(long ownerId, long connectorId, ConnectorInput input, Map<String, String> newVariables) {
        Connector old = get(ownerId, connectorId);
        return jdbi.inTransaction(h -> {
            Map<String, String> errors = new LinkedHashMap<>();
            createVariables(h, ownerId, newVariables, errors);
            boolean keepable = old.authType().equals(input.authType()) && secrets.read(h, old.secretRef()).isPresent();
            ConnectorRules.Checked c = checked(h, ownerId, connectorId, input, variables.names(h, ownerId), keepable,
                    errors);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
            h.attach(ConnectorRepository.class).update(connectorId, c, clock.instant());
            if (c.type() == AuthType.NONE) {
                secrets.delete(h, old.secretRef());
                h.attach(ConnectorRepository.class).updateSecretFacts(connectorId, null, null);
            } else {
                storeSecret(h, connectorId, c);
            }
            return h.attach(ConnectorRepository.class).findOwned(connectorId, ownerId).orElseThrow();
        });
    }

    /** Deletes the connector, its secret, its actions and their runs. */
    public void delete(long ownerId, long connectorId) {
        Connector connector = get(ownerId, connectorId);
        jdbi.useTransaction(h -> {
            secrets.delete(h, connector.secretRef());
            h.attach(ConnectorRepository.class).delete(connectorId, ownerId);
        });
    }

    /** The stored API key, password or token (possibly holding {{VARIABLE}} references), for a run. */
    public Optional<String> secret(Connector connector) {
        return connector.auth() == AuthType.NONE ? Optional.empty() : secrets.read(connector.secretRef());
    }

    private ConnectorRules.Checked checked(Handle h, long ownerId, long exceptId, ConnectorInput input,
                                           Set<String> known, boolean secretStored, Map<String, String> errors) {
        ConnectorRules.Checked c = ConnectorRules.check(input, known, secretStored, errors);
        if (c != null && !errors.containsKey("name")
                && h.attach(ConnectorRepository.class).countNamed(ownerId, key(c.name()), exceptId) > 0) {
            errors.put("name", "You already have a connector called \u201c" + c.name() + "\u201d. Choose another name.");
        }
        return c;
    }

    private void createVariables(Handle h, long ownerId, Map<String, String> values, Map<String, String> errors) {
        values.forEach((name, value) -> {
            if (value != null && !value.isBlank()) {
                try {
                    variables.create(h, ownerId, name, value, "newVar." + name, "newVar." + name);
                } catch (InvalidInputException e) {
                    errors.putAll(e.errors());
                }
            }
        });
    }

    private void storeSecret(Handle h, long connectorId, ConnectorRules.Checked c) {
        if (c.secret() == null) {
            return;
        }
        secrets.put(h, Connector.secretRef(connectorId), c.secret());
        String refs = String.join(",", Placeholders.variables(c.secret()));
        h.attach(ConnectorRepository.class).updateSecretFacts(connectorId, SecretHint.ofCredential(c.secret()),
                refs.isEmpty() ? null : refs);
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}
