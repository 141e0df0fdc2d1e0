package agento.web.cache;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Values read from the database, each kept until this server next writes to it ({@code generation} moves): for what
 * every request asks and hardly ever changes, such as the route guard's look at the signed-in account. Only for the
 * only server on its database; elsewhere {@link #readEveryTime()}. A value is kept only when nothing was written
 * while it was read, so it is never older than the data. At most {@code maxEntries} are kept (all are dropped when
 * that many are), and nothing kept may be a secret.
 */
public final class UntilWritten<K, V> {
    private final LongSupplier generation;
    private final int maxEntries;
    private final Map<K, Stamped<V>> values = new ConcurrentHashMap<>();

    private record Stamped<V>(V value, long generation) {}

    public UntilWritten(LongSupplier generation, int maxEntries) {
        this.generation = generation;
        this.maxEntries = maxEntries;
    }

    /** Keeps nothing: every {@link #get} reads. */
    public static <K, V> UntilWritten<K, V> readEveryTime() {
        return new UntilWritten<>(null, 0);
    }

    public V get(K key, Function<K, V> read) {
        if (generation == null) {
            return read.apply(key);
        }
        long current = generation.getAsLong();
        Stamped<V> kept = values.get(key);
        if (kept != null && kept.generation() == current) {
            return kept.value();
        }
        V value = read.apply(key);
        if (generation.getAsLong() == current) {
            if (values.size() >= maxEntries) {
                values.clear();
            }
            values.put(key, new Stamped<>(value, current));
        }
        return value;
    }
}
