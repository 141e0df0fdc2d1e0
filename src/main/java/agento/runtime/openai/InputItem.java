package agento.runtime.openai;

import java.util.Objects;

/**
 * One item of the model's input: an earlier turn ({"role":"user"|"assistant","content":"..."}), a function call the
 * model made in this reply (sent back, as the requests are not stored), or that call's output.
 */
public sealed interface InputItem {

    record Message(String role, String content) implements InputItem {
        public Message {
            if (!"user".equals(role) && !"assistant".equals(role)) {
                throw new IllegalArgumentException("role must be user or assistant");
            }
            Objects.requireNonNull(content, "content");
        }
    }

    record Call(FunctionCall call) implements InputItem {}

    record Output(String callId, String output) implements InputItem {}

    static InputItem user(String content) {
        return new Message("user", content);
    }

    static InputItem assistant(String content) {
        return new Message("assistant", content);
    }

    static InputItem call(FunctionCall call) {
        return new Call(call);
    }

    static InputItem output(String callId, String output) {
        return new Output(callId, output);
    }
}
