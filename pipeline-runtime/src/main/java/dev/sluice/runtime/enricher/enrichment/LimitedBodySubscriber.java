package dev.sluice.runtime.enricher.enrichment;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit in bytes; a larger body cancels the response and fails
 * with an {@link EnrichmentException}, so a misbehaving API cannot exhaust the heap.
 */
final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final long limitBytes;
  private Flow.Subscription subscription;

  LimitedBodySubscriber(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  /** A body handler whose subscribers keep at most {@code limitBytes}. */
  static HttpResponse.BodyHandler<byte[]> handler(long limitBytes) {
    return info -> new LimitedBodySubscriber(limitBytes);
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      if (out.size() + (long) buffer.remaining() > limitBytes) {
        subscription.cancel();
        body.completeExceptionally(
            new EnrichmentException("the answer is larger than " + limitBytes + " bytes"));
        return;
      }
      byte[] chunk = new byte[buffer.remaining()];
      buffer.get(chunk);
      out.writeBytes(chunk);
    }
  }

  @Override
  public void onError(Throwable error) {
    body.completeExceptionally(error);
  }

  @Override
  public void onComplete() {
    body.complete(out.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }
}
