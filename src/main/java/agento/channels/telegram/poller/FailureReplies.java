package agento.channels.telegram.poller;

import agento.provider.core.ConnectionState;
import agento.provider.core.ConnectionSummary;
import agento.runtime.chat.Message;
import java.util.Optional;

/**
 * What the Telegram user reads for a stored reply: the reply itself, or, when it failed, a short sentence meant for
 * them (the owner gets the details in the Activity list and, for a broken credential, the banner).
 */
final class FailureReplies {
    static final String BILLING = "Sorry, I can't answer right now: the OpenAI account behind this agent has no "
            + "billing or quota set up. Its owner has been told.";
    static final String RECONNECT = "Sorry, I can't answer right now: this agent's connection to OpenAI needs to be "
            + "renewed by its owner.";
    static final String RATE_LIMITED = "Sorry, OpenAI is rate limiting this agent right now. Try again in a minute.";
    static final String OTHER = "Sorry, something went wrong while I was answering. Try again in a few minutes.";

    private FailureReplies() {}

    static String text(Message reply, Optional<ConnectionSummary> connection) {
        String content = reply.content() == null ? "" : reply.content().strip();
        switch (reply.status()) {
            case Message.COMPLETE:
                return content.isEmpty() ? "(The agent sent an empty reply.)" : content;
            case Message.INCOMPLETE:
            case Message.STOPPED:
                return content.isEmpty() ? "(The reply was cut off before it began. Try again.)"
                        : content + "\n\n(The reply was cut off.)";
            default:
                return failed(reply.error(), connection.map(ConnectionSummary::state).orElse(null));
        }
    }

    private static String failed(String error, ConnectionState state) {
        if (state == ConnectionState.NO_QUOTA) {
            return BILLING;
        }
        if (state == ConnectionState.NEEDS_RECONNECT || state == ConnectionState.CREDENTIAL_ERROR || state == null) {
            return RECONNECT;
        }
        // the relay keeps the failure as text only; these are the openings of ChatFailure's rate-limit sentences
        String said = error == null ? "" : error;
        if (said.startsWith("OpenAI is rate limiting") || said.startsWith("This ChatGPT plan has reached")) {
            return RATE_LIMITED;
        }
        return OTHER;
    }
}
