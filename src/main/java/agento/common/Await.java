package agento.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for work another thread does, and getting its failure back as that thread threw it. */
public final class Await {
    private Await() {}

    /** Waits until {@code work} ends; throws the exception or error it failed with, unwrapped. */
    public static void done(CompletableFuture<?> work) {
        try {
            work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
