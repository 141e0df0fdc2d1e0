package agento.provider.openai;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs blocking HTTP calls with a total deadline (an HTTP client's read timeout alone lets a trickling server
 * stall a caller forever) and turns whatever goes wrong into an {@link OAuthFailure}.
 */
final class TimeBoundCalls {

    private final Duration total;
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "oauth-http");
        thread.setDaemon(true);
        return thread;
    });

    TimeBoundCalls(Duration total) {
        this.total = total;
    }

    <T> T call(Callable<T> call) {
        Future<T> pending = threads.submit(call);
        try {
            return pending.get(total.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw OAuthFailure.transientFailure("timeout", "The sign-in service did not answer in time");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw OAuthFailure.transientFailure("interrupted", "The sign-in request was interrupted");
        } catch (ExecutionException e) {
            throw translate(e.getCause());
        }
    }

    // never wrap the library's exceptions: their messages can quote the response body, tokens included
    private static OAuthFailure translate(Throwable failure) {
        if (failure instanceof OAuthFailure known) {
            return known;
        }
        if (failure instanceof ExecutionException && failure.getCause() != null) {
            return translate(failure.getCause());
        }
        if (failure instanceof SocketTimeoutException) {
            return OAuthFailure.transientFailure("timeout", "The sign-in service did not answer in time");
        }
        if (failure instanceof IOException) {
            return OAuthFailure.transientFailure("network", "Could not reach the sign-in service");
        }
        return OAuthFailure.transientFailure("invalid_response", "The sign-in service sent an unreadable answer");
    }
}
