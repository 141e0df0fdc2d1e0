package agento.common;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/** A response body read up to a cap: past it the subscription is cancelled and the rest is never read. */
final class CappedBody implements HttpResponse.BodySubscriber<CappedBody.Result> {

    record Result(String text, boolean truncated) {}

    private final int cap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    private CappedBody(int cap) {
        this.cap = cap;
    }

    static HttpResponse.BodySubscriber<Result> subscriber(int cap) {
        return new CappedBody(cap);
    }

    @Override
    public CompletionStage<Result> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            int take = Math.min(buffer.remaining(), cap - bytes.size());
            byte[] chunk = new byte[take];
            buffer.get(chunk);
            bytes.write(chunk, 0, take);
            if (buffer.hasRemaining()) {
                subscription.cancel();
                result.complete(new Result(text(), true));
                return;
            }
        }
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Result(text(), false));
    }

    private String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
