package agento.agents;

import java.util.Map;

/**
 * The Settings tab's General form as typed: name, description, instructions (the system prompt) and the optional
 * monthly token limit. Values are trimmed; {@link #checkExtras} adds messages for the last two.
 */
public record AgentDetails(String name, String description, String instructions, String monthlyTokenLimit) {
    public static final int MAX_INSTRUCTIONS = 8000;
    private static final long MAX_LIMIT = 1_000_000_000_000L;

    public AgentDetails {
        name = trim(name);
        description = trim(description);
        instructions = trim(instructions);
        monthlyTokenLimit = trim(monthlyTokenLimit).replace(",", "").replace("_", "");
    }

    /** The form as the agent stands now. */
    public static AgentDetails of(Agent agent) {
        return new AgentDetails(agent.name(), agent.description(), agent.instructions(),
                agent.monthlyTokenLimit() == null ? "" : Long.toString(agent.monthlyTokenLimit()));
    }

    /** The limit as a number, or null for none (call after {@link #checkExtras} found nothing). */
    Long limit() {
        return monthlyTokenLimit.isEmpty() ? null : Long.parseLong(monthlyTokenLimit);
    }

    void checkExtras(Map<String, String> errors) {
        int length = instructions.codePointCount(0, instructions.length());
        if (length > MAX_INSTRUCTIONS) {
            errors.put("instructions", "Use at most " + MAX_INSTRUCTIONS + " characters for the instructions (these "
                    + "have " + length + ").");
        }
        if (!monthlyTokenLimit.isEmpty()) {
            long limit;
            try {
                limit = Long.parseLong(monthlyTokenLimit);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                errors.put("monthlyTokenLimit", "Enter a whole number of tokens (for example 1000000), or leave it "
                        + "empty for no limit.");
            }
        }
    }

    private static String trim(String s) {
        return s == null ? "" : s.strip();
    }
}
