package agento.connections;

/** The only form of an API key ever shown again: its public prefix and last four characters. */
final class KeyHint {
    private KeyHint() {}

    static String of(String key) {
        String prefix = key.startsWith("sk-proj-") ? "sk-proj-" : key.startsWith("sk-svcacct-") ? "sk-svcacct-" : "sk-";
        return prefix + "\u2026" + key.substring(Math.max(prefix.length(), key.length() - 4));
    }
}
