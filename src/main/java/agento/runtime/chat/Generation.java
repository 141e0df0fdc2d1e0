package agento.runtime.chat;

import agento.runtime.openai.StopSignal;
import java.util.ArrayList;
import java.util.List;

/**
 * One reply while it streams: the text so far, the browsers watching it, and its Stop signal. Watchers get the text
 * so far when they subscribe and every delta after it, in order, then {@code done}.
 */
public final class Generation {

    /** Someone watching the reply (an SSE stream to a browser); a watcher that throws is dropped. */
    public interface Watcher {
        void delta(String text);

        void done();
    }

    private final long messageId;
    private final long agentId;
    private final StopSignal stop = new StopSignal();
    private final StringBuilder text = new StringBuilder();
    private final List<Watcher> watchers = new ArrayList<>();
    private boolean done;

    Generation(long messageId, long agentId) {
        this.messageId = messageId;
        this.agentId = agentId;
    }

    public long messageId() {
        return messageId;
    }

    long agentId() {
        return agentId;
    }

    StopSignal stopSignal() {
        return stop;
    }

    /** Presses Stop generating: the request to OpenAI is closed and the reply ends as it stands. */
    public void stop() {
        stop.stop();
    }

    /** Starts watching: the text so far is sent first; false when the reply has already ended. */
    public synchronized boolean watch(Watcher watcher) {
        if (done) {
            return false;
        }
        if (!text.isEmpty()) {
            watcher.delta(text.toString());
        }
        watchers.add(watcher);
        return true;
    }

    public synchronized void unwatch(Watcher watcher) {
        watchers.remove(watcher);
    }

    // a watcher may unwatch itself while it is told something (a closing stream does): tell a copy of the list
    synchronized void append(String delta) {
        text.append(delta);
        for (Watcher w : List.copyOf(watchers)) {
            if (!deliver(() -> w.delta(delta))) {
                watchers.remove(w);
            }
        }
    }

    synchronized void finish() {
        done = true;
        List<Watcher> told = List.copyOf(watchers);
        watchers.clear();
        told.forEach(w -> deliver(w::done));
    }

    private static boolean deliver(Runnable send) {
        try {
            send.run();
            return true;
        } catch (RuntimeException gone) {
            return false;
        }
    }
}
