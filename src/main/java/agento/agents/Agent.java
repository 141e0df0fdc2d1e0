package agento.agents;

import agento.providers.ModelCatalog;
import java.time.Instant;

/** A row of {@code agents}. */
public record Agent(long id, long ownerId, String name, String description, String model, String status,
                    String statusReason, Instant createdAt, Instant updatedAt) {
    public String modelLabel() {
        return ModelCatalog.label(model);
    }

    public String statusLabel() {
        return "running".equals(status) ? "Running" : "Stopped";
    }
}
