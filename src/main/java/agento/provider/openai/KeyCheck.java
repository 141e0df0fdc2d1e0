package agento.provider.openai;

import java.util.List;

/** What OpenAI said about a credential. Messages are for people and never carry the credential. */
public sealed interface KeyCheck {

    String message();

    default boolean isValid() {
        return this instanceof Valid;
    }

    record Valid(List<String> modelIds) implements KeyCheck {
        public Valid {
            modelIds = List.copyOf(modelIds);
        }

        public String message() {
            return "Connected: OpenAI accepted the credential.";
        }
    }

    /** 401: the key or token is wrong, revoked or expired. */
    record Rejected() implements KeyCheck {
        public String message() {
            return "OpenAI rejected this key. Check that it is complete and not revoked.";
        }
    }

    /** 403: the key works but lacks a permission, e.g. "model listing (api.model.read)". */
    record Forbidden(String missingPermission) implements KeyCheck {
        public String message() {
            return "This key is not allowed to use " + missingPermission + ". Give it that permission in OpenAI.";
        }
    }

    /** 429 insufficient_quota: billing, not a retryable condition. */
    record NoQuota() implements KeyCheck {
        public String message() {
            return "The OpenAI account has no quota left. Check its plan and billing details.";
        }
    }

    /** 429 rate_limit_exceeded, still after retries. */
    record RateLimited() implements KeyCheck {
        public String message() {
            return "OpenAI is rate limiting this key. Try again in a minute.";
        }
    }

    /** Connect failure, timeout, 5xx or an answer we do not understand. */
    record Unreachable(String reason) implements KeyCheck {
        public String message() {
            return "Could not check the key with OpenAI (" + reason + "). Try again later.";
        }
    }
}
