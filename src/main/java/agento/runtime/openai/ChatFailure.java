package agento.runtime.openai;

import agento.runtime.openai.ResponsesTarget.Backend;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Why a model call failed, as a sentence for the person chatting. Messages never carry a credential;
 * OpenAI's own text (in {@link Rejected} and {@link StreamError}) is untrusted and must be escaped when shown.
 */
public sealed interface ChatFailure {

    /** A closed set to switch on (Java 17 has no pattern matching for switch). */
    enum Kind {
        INSUFFICIENT_QUOTA, RATE_LIMITED, USAGE_LIMIT_REACHED, PROVIDER_UNAVAILABLE, CONTEXT_TOO_LONG,
        UNAUTHORIZED, MODEL_NOT_SUPPORTED, REJECTED, STREAM_ERROR, TIMED_OUT, TOO_LARGE, UNREACHABLE, UNSENDABLE
    }

    Kind kind();

    String message();

    /** 429 insufficient_quota: billing, never retried. */
    record NoQuota() implements ChatFailure {
        public Kind kind() { return Kind.INSUFFICIENT_QUOTA; }
        public String message() {
            return "OpenAI says this account has no billing or quota set up. Add a payment method at "
                    + "platform.openai.com → Billing, then Start again.";
        }
    }

    /** 429 rate_limit_exceeded after {@code attempts} tries, or a wait longer than we allow. */
    record RateLimited(int attempts) implements ChatFailure {
        public Kind kind() { return Kind.RATE_LIMITED; }
        public String message() {
            return "OpenAI is rate limiting this account (tried " + attempts + " time" + (attempts == 1 ? "" : "s")
                    + "). Wait a minute, then try again.";
        }
    }

    /** The ChatGPT plan's usage limit; {@code resetsAt} may be null when OpenAI did not say. */
    record UsageLimitReached(Instant resetsAt) implements ChatFailure {
        private static final DateTimeFormatter WHEN =
                DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

        public Kind kind() { return Kind.USAGE_LIMIT_REACHED; }
        public String message() {
            return "This ChatGPT plan has reached its usage limit. "
                    + (resetsAt == null ? "Try again later." : "It resets on " + WHEN.format(resetsAt) + ".");
        }
    }

    /** 5xx or overloaded after {@code attempts} tries. */
    record ProviderUnavailable(int status, int attempts) implements ChatFailure {
        public Kind kind() { return Kind.PROVIDER_UNAVAILABLE; }
        public String message() {
            return "OpenAI is having trouble (HTTP " + status + ", tried " + attempts + " time"
                    + (attempts == 1 ? "" : "s") + "). Try again in a few minutes.";
        }
    }

    record ContextTooLong() implements ChatFailure {
        public Kind kind() { return Kind.CONTEXT_TOO_LONG; }
        public String message() {
            return "This conversation is too long for the model. Start a New conversation.";
        }
    }

    /** 401. For ChatGPT the caller refreshes the token once and retries once before showing this. */
    record Unauthorized(Backend backend) implements ChatFailure {
        public Kind kind() { return Kind.UNAUTHORIZED; }
        public String message() {
            return backend == Backend.API_KEY
                    ? "OpenAI rejected the key. Check or replace it in Settings."
                    : "OpenAI no longer accepts this ChatGPT sign-in. Sign in again in Settings.";
        }
    }

    record ModelNotSupported(String model) implements ChatFailure {
        public Kind kind() { return Kind.MODEL_NOT_SUPPORTED; }
        public String message() {
            return "The model " + model + " is no longer available for this connection. Choose another model "
                    + "in Settings.";
        }
    }

    /** Any other 4xx, with OpenAI's own explanation (untrusted text). */
    record Rejected(int status, String providerMessage) implements ChatFailure {
        public Kind kind() { return Kind.REJECTED; }
        public String message() {
            return "OpenAI refused the request (HTTP " + status + "): " + providerMessage;
        }
    }

    /** A {@code response.failed} or {@code error} event in the stream (untrusted text). */
    record StreamError(String code, String providerMessage) implements ChatFailure {
        public Kind kind() { return Kind.STREAM_ERROR; }
        public String message() {
            return "OpenAI stopped with an error: " + providerMessage;
        }
    }

    /** {@code phase} says what took too long, e.g. "between two parts of the reply". */
    record TimedOut(String phase) implements ChatFailure {
        public Kind kind() { return Kind.TIMED_OUT; }
        public String message() {
            return "OpenAI took too long " + phase + ". Try again.";
        }
    }

    /** The stream broke a size cap; {@code limit} reads like "4096 KiB in all". */
    record TooLarge(String limit) implements ChatFailure {
        public Kind kind() { return Kind.TOO_LARGE; }
        public String message() {
            return "The reply was cut off because it was larger than Agento accepts (" + limit + ").";
        }
    }

    record Unreachable(String reason) implements ChatFailure {
        public Kind kind() { return Kind.UNREACHABLE; }
        public String message() {
            return "Could not reach OpenAI (" + reason + "). Check the network and try again.";
        }
    }

    /** A credential or header value that cannot be sent (line breaks, control characters): nothing was sent. */
    record Unsendable(String what) implements ChatFailure {
        public Kind kind() { return Kind.UNSENDABLE; }
        public String message() {
            return "The saved " + what + " contains characters that cannot be sent. Connect again in Settings.";
        }
    }
}
