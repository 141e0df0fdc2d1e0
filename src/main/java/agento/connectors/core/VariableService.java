package agento.connectors.core;

import agento.common.InvalidInputException;
import agento.connectors.text.Placeholders;
import agento.connectors.text.SecretHint;
import agento.vault.SecretStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** A person's variables: secrets referenced as {{NAME}}, write-only, encrypted in the vault (bound to their row). */
public final class VariableService {
    public static final int MAX_VALUE = 4000;

    private final Jdbi jdbi;
    private final SecretStore secrets;
    private final Clock clock;

    public VariableService(Jdbi jdbi, SecretStore secrets, Clock clock) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.clock = clock;
    }

    public List<Variable> list(long ownerId) {
        return jdbi.withExtension(VariableRepository.class, r -> r.listOwned(ownerId));
    }

    public Variable get(long ownerId, long variableId) {
        return jdbi.withExtension(VariableRepository.class, r -> r.findOwned(variableId, ownerId))
                .orElseThrow(ConnectorNotFoundException::new);
    }

    /** The names of this person's variables. */
    public Set<String> names(Handle h, long ownerId) {
        Set<String> names = new TreeSet<>();
        h.attach(VariableRepository.class).listOwned(ownerId).forEach(v -> names.add(v.name()));
        return names;
    }

    /** Creates a variable; the name is A–Z, 0–9 and _, starting with a letter; the value is trimmed. */
    public Variable create(long ownerId, String rawName, String rawValue) {
        return jdbi.inTransaction(h -> create(h, ownerId, rawName, rawValue, "name", "value"));
    }

    /** As {@link #create(long, String, String)} in the caller's transaction; errors go to the given field names. */
    Variable create(Handle h, long ownerId, String rawName, String rawValue, String nameField, String valueField) {
        String name = rawName == null ? "" : rawName.strip();
        Map<String, String> errors = new LinkedHashMap<>();
        if (!Placeholders.VARIABLE_NAME.matcher(name).matches()) {
            errors.put(nameField, "Use capital letters A\u2013Z, digits 0\u20139 and _, starting with a letter "
                    + "(at most 64), for example OPENAI_API_KEY.");
        } else if (h.attach(VariableRepository.class).findNamed(ownerId, name).isPresent()) {
            errors.put(nameField, "You already have a variable called " + name + ".");
        }
        String value = value(rawValue, valueField, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        long id = h.attach(VariableRepository.class).insert(ownerId, name, SecretHint.of(value), clock.instant());
        secrets.put(h, Variable.valueRef(id), value);
        return h.attach(VariableRepository.class).findOwned(id, ownerId).orElseThrow();
    }

    /** Replaces the value (the name stays: connectors refer to it). */
    public Variable update(long ownerId, long variableId, String rawValue) {
        get(ownerId, variableId);
        Map<String, String> errors = new HashMap<>();
        String value = value(rawValue, "value", errors);
        if (!errors.isEmpty()) {
            throw new InvalidInputException(errors);
        }
        jdbi.useTransaction(h -> {
            h.attach(VariableRepository.class).updateHint(variableId, ownerId, SecretHint.of(value), clock.instant());
            secrets.put(h, Variable.valueRef(variableId), value);
        });
        return get(ownerId, variableId);
    }

    /** Deletes the variable unless a connector or action still refers to it (then says where). */
    public void delete(long ownerId, long variableId) {
        Variable variable = get(ownerId, variableId);
        Pattern reference = Pattern.compile("\\{\\{\\s*" + Pattern.quote(variable.name()) + "\\s*}}");
        List<String> uses = jdbi.withExtension(VariableRepository.class, r -> {
            List<String> found = new ArrayList<>(r.connectorsUsing(ownerId, "%," + variable.name() + ",%"));
            r.actionTexts(ownerId).stream().filter(a -> reference.matcher(a.text()).find())
                    .forEach(a -> found.add(a.label()));
            return found;
        });
        if (!uses.isEmpty()) {
            throw new InvalidInputException("delete", variable.name() + " is still used by " + String.join(", ", uses)
                    + ". Remove it there first.");
        }
        jdbi.useTransaction(h -> {
            secrets.delete(h, Variable.valueRef(variableId));
            h.attach(VariableRepository.class).delete(variableId, ownerId);
        });
    }

    /** The plaintext values of the named variables of this person (for a run); a missing name is left out. */
    public Map<String, String> values(long ownerId, Set<String> names) {
        return jdbi.withHandle(h -> {
            Map<String, String> values = new HashMap<>();
            for (String name : names) {
                h.attach(VariableRepository.class).findNamed(ownerId, name).ifPresent(v ->
                        secrets.read(h, Variable.valueRef(v.id())).ifPresent(value -> values.put(name, value)));
            }
            return values;
        });
    }

    private static String value(String raw, String field, Map<String, String> errors) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            errors.put(field, "Give the value.");
        } else if (value.length() > MAX_VALUE) {
            errors.put(field, "Use at most " + MAX_VALUE + " characters.");
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            errors.put(field, "The value cannot contain line breaks or other control characters.");
        }
        return value;
    }
}
