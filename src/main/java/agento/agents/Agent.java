package agento.agents;

import java.time.Instant;

/** A row of {@code agents}. */
public record Agent(long id, long ownerId, String name, String description, String model, String status,
                    String statusReason, Instant createdAt, Instant updatedAt) {
    public String modelLabel() {
        return ModelLabel.of(model);
    }

    /** This agent with another model (what was just saved). */
    public Agent withModel(String newModel) {
        return new Agent(id, ownerId, name, description, newModel, status, statusReason, createdAt, updatedAt);
    }

    public String statusLabel() {
        return "running".equals(status) ? "Running" : "Stopped";
    }
}
