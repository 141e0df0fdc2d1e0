package agento.provider.web;

import agento.provider.core.Method;
import agento.provider.core.ModelCatalog.ModelOption;
import java.time.Instant;
import java.util.List;

/** What the AI Provider card shows; built from the connection's state alone, never from a secret. */
public record ConnectionView(
        long agentId,
        String method,
        String state,
        String indicatorColor,
        String indicatorLabel,
        String via,
        String keyHint,
        String reason,
        String lastVerified,
        List<ModelOption> models,
        String model,
        List<ActivityView> activity,
        boolean moreActivity,
        Instant changedAt) {

    /** {@code iso} is for the {@code <time datetime>} a script shows in the reader's own time zone. */
    public record ActivityView(String at, String iso, String detail) {}

    public boolean isConnected() {
        return method != null;
    }

    public boolean isApiKey() {
        return Method.API_KEY.column().equals(method);
    }

    public boolean isOAuth() {
        return Method.OAUTH.column().equals(method);
    }

    public boolean is(String stateName) {
        return stateName.equals(state);
    }
}
