package agento.agents;

import java.time.Instant;

/** A row of {@code agents}; {@code monthlyTokenLimit} is null when there is none. */
public record Agent(long id, long ownerId, String name, String description, String model, String status,
                    String statusReason, String instructions, Long monthlyTokenLimit, Instant createdAt,
                    Instant updatedAt) {
    public static final String RUNNING = "running";
    public static final String STOPPED = "stopped";

    public String modelLabel() {
        return ModelLabel.of(model);
    }

    /** This agent with another model (what was just saved). */
    public Agent withModel(String newModel) {
        return new Agent(id, ownerId, name, description, newModel, status, statusReason, instructions,
                monthlyTokenLimit, createdAt, updatedAt);
    }

    public boolean isRunning() {
        return RUNNING.equals(status);
    }

    public String statusLabel() {
        return isRunning() ? "Running" : "Stopped";
    }
}
