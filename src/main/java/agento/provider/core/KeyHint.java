package agento.provider.core;

/** The only form of an API key ever shown again: its public prefix and last four characters. */
public final class KeyHint {
    private KeyHint() {}

    public static String of(String key) {
        String prefix = key.startsWith("sk-proj-") ? "sk-proj-" : key.startsWith("sk-svcacct-") ? "sk-svcacct-" : "sk-";
        return prefix + "\u2026" + key.substring(Math.max(prefix.length(), key.length() - 4));
    }
}
