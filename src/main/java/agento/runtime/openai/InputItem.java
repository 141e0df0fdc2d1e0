package agento.runtime.openai;

import java.util.Objects;

/** One earlier turn of the conversation, sent as {"role":"user"|"assistant","content":"..."}. */
public record InputItem(String role, String content) {

    public InputItem {
        if (!"user".equals(role) && !"assistant".equals(role)) {
            throw new IllegalArgumentException("role must be user or assistant");
        }
        Objects.requireNonNull(content, "content");
    }

    public static InputItem user(String content) {
        return new InputItem("user", content);
    }

    public static InputItem assistant(String content) {
        return new InputItem("assistant", content);
    }
}
