package dev.sluice.runtime.model.router;

import dev.sluice.runtime.model.config.ShadowConfig;
import dev.sluice.runtime.model.config.VariantConfig;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a copy of a stable request to the candidate, on its own HTTP client (its own connections),
 * and compares the two answers when both arrived. Nothing waits for the copy: the stable answer is
 * returned as soon as it is in. At most {@code shadow.maxInFlight} copies are outstanding; further
 * copies are dropped and counted, so a slow or dead candidate costs the stable path nothing but the
 * send.
 */
final class ShadowMirror {
  private final Forwarder forwarder;
  private final RouterMetrics metrics;
  private final AtomicInteger inFlight = new AtomicInteger();

  ShadowMirror(Forwarder forwarder, RouterMetrics metrics) {
    this.forwarder = forwarder;
    this.metrics = metrics;
  }

  /**
   * @param stable the stable variant's answer, pending
   */
  void mirror(
      ShadowConfig shadow,
      VariantConfig candidate,
      String path,
      MultiMap headers,
      Buffer body,
      Future<Forwarder.Answer> stable) {
    if (inFlight.incrementAndGet() > shadow.maxInFlight()) {
      inFlight.decrementAndGet();
      metrics.shadowDropped();
      return;
    }
    long start = System.nanoTime();
    Future<Forwarder.Answer> copy =
        forwarder.send(HttpMethod.POST, candidate.url(), path, headers, body, shadow.timeoutMs());
    copy.onComplete(
        done -> {
          inFlight.decrementAndGet();
          metrics.request(
              Variant.shadow,
              candidate.version(),
              done.succeeded() ? done.result().status() : 504,
              System.nanoTime() - start);
        });
    Future.join(stable, copy)
        .onComplete(
            both -> {
              if (stable.failed() || stable.result().status() != 200) {
                return; // nothing to compare against (a refused request or a failed stable)
              }
              if (copy.failed() || copy.result().status() != 200) {
                metrics.comparison(ShadowComparison.error);
                return;
              }
              metrics.comparison(
                  new AnswerComparator(shadow.tolerance())
                      .compare(stable.result().body().getBytes(), copy.result().body().getBytes()));
            });
  }
}
