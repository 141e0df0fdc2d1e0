package agento.common;

import java.util.function.Supplier;

/**
 * A value made once, by the first caller that needs it: for what costs start-up time and may not be needed soon,
 * like an HTTP client (its TLS set-up loads some 265 classes and its selector is a thread).
 */
public final class OnFirstUse<T> implements Supplier<T> {
    private final Supplier<T> make;
    private volatile T value;

    public OnFirstUse(Supplier<T> make) {
        this.make = make;
    }

    @Override
    public T get() {
        T made = value;
        if (made == null) {
            synchronized (this) {
                made = value;
                if (made == null) {
                    made = make.get();
                    value = made;
                }
            }
        }
        return made;
    }
}
