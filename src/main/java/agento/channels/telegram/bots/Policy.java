package agento.channels.telegram.bots;

import agento.common.ColumnEnum;
import java.util.Optional;

/** Who can talk to the agent through its bot: "Who can talk to this agent" on the Telegram card. */
public enum Policy implements ColumnEnum {
    /** Unknown users get a pairing code; the owner approves or denies it. */
    PAIRING("pairing", "Pairing"),
    /** Only the approved user ids; others are told no. */
    ALLOWED("allowed", "Allowed users only"),
    /** Everyone who finds the bot (and spends the owner's OpenAI quota). */
    ANYONE("anyone", "Anyone");

    private final String column;
    private final String label;

    Policy(String column, String label) {
        this.column = column;
        this.label = label;
    }

    @Override
    public String column() {
        return column;
    }

    public String label() {
        return label;
    }

    /** The policy a form posted, if it names one. */
    public static Optional<Policy> parse(String value) {
        for (Policy policy : values()) {
            if (policy.column.equals(value)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    public static Policy fromColumn(String value) {
        return ColumnEnum.fromColumn(Policy.class, value);
    }
}
