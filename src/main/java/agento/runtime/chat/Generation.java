package agento.runtime.chat;

import agento.runtime.openai.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One reply while it streams: its text and tool calls so far, in the order they happened, the browsers watching it,
 * its Stop signal, and the question it may be waiting on (Allow or Deny a tool call). Watchers get everything so far
 * when they subscribe and every change after it, in order, then {@code done}.
 */
public final class Generation {

    /** Someone watching the reply (an SSE stream to a browser); a watcher that throws is dropped. */
    public interface Watcher {
        void delta(String text);

        /** A tool call started or changed (it asks, runs, finished); the same id comes again with each change. */
        default void call(ToolCall call) {
        }

        void done();
    }

    /** How a question about a tool call ended. */
    enum Answer { ALLOW, DENY, NO_ANSWER, STOPPED }

    private final long messageId;
    private final long agentId;
    private final long conversationId;
    private final StopSignal stop = new StopSignal();
    private final List<Object> pieces = new ArrayList<>(); // StringBuilder (text) or Long (a tool call's id)
    private final Map<Long, ToolCall> calls = new LinkedHashMap<>();
    private final Map<Long, CompletableFuture<Boolean>> questions = new LinkedHashMap<>();
    private final List<Watcher> watchers = new ArrayList<>();
    private boolean done;

    Generation(long messageId, long agentId, long conversationId) {
        this.messageId = messageId;
        this.agentId = agentId;
        this.conversationId = conversationId;
    }

    public long messageId() {
        return messageId;
    }

    long agentId() {
        return agentId;
    }

    long conversationId() {
        return conversationId;
    }

    StopSignal stopSignal() {
        return stop;
    }

    /** Presses Stop generating: the request to OpenAI is closed and the reply ends as it stands. */
    public void stop() {
        stop.stop();
    }

    /** Starts watching: everything so far is sent first; false when the reply has already ended. */
    public synchronized boolean watch(Watcher watcher) {
        if (done) {
            return false;
        }
        for (Object piece : pieces) {
            if (piece instanceof StringBuilder text) {
                watcher.delta(text.toString());
            } else {
                watcher.call(calls.get((Long) piece));
            }
        }
        watchers.add(watcher);
        return true;
    }

    public synchronized void unwatch(Watcher watcher) {
        watchers.remove(watcher);
    }

    /** The tool call waiting for Allow or Deny, if any. */
    public synchronized Optional<ToolCall> question() {
        return questions.keySet().stream().findFirst().map(calls::get);
    }

    /** Allow ({@code true}) or Deny the tool call {@code callId}; false when it is not waiting for an answer. */
    public synchronized boolean answer(long callId, boolean allow) {
        CompletableFuture<Boolean> question = questions.remove(callId);
        return question != null && question.complete(allow);
    }

    synchronized void append(String delta) {
        if (!pieces.isEmpty() && pieces.get(pieces.size() - 1) instanceof StringBuilder last) {
            last.append(delta);
        } else {
            pieces.add(new StringBuilder(delta));
        }
        tell(w -> w.delta(delta));
    }

    synchronized void show(ToolCall call) {
        if (calls.put(call.id(), call) == null) {
            pieces.add(call.id());
        }
        tell(w -> w.call(call));
    }

    /** Shows {@code call} asking and waits for Allow or Deny, at most {@code wait}, Stop cutting it short. */
    Answer ask(ToolCall call, Duration wait) {
        CompletableFuture<Boolean> question = new CompletableFuture<>();
        synchronized (this) {
            questions.put(call.id(), question);
            show(call);
            notifyAll();
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!stop.isStopped()) {
                long left = Math.min(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(200));
                if (left <= 0) {
                    return Answer.NO_ANSWER;
                }
                try {
                    return question.get(left, TimeUnit.NANOSECONDS) ? Answer.ALLOW : Answer.DENY;
                } catch (TimeoutException notYet) {
                    // look at Stop and the deadline again
                }
            }
            return Answer.STOPPED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.STOPPED;
        } catch (ExecutionException e) {
            return Answer.DENY;
        } finally {
            synchronized (this) {
                questions.remove(call.id());
            }
        }
    }

    /** Waits until the reply ends or asks a question (a form posted without JavaScript then gets the page back). */
    synchronized void awaitSettled(Duration wait) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!done && questions.isEmpty()) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }

    synchronized void finish() {
        done = true;
        notifyAll();
        List<Watcher> told = List.copyOf(watchers);
        watchers.clear();
        told.forEach(w -> deliver(w::done));
    }

    // a watcher may unwatch itself while it is told something (a closing stream does): tell a copy of the list
    private void tell(java.util.function.Consumer<Watcher> message) {
        for (Watcher w : List.copyOf(watchers)) {
            if (!deliver(() -> message.accept(w))) {
                watchers.remove(w);
            }
        }
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
