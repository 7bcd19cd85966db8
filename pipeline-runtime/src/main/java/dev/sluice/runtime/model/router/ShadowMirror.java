package dev.sluice.runtime.model.router;

import dev.sluice.api.stage.model.ShadowConfig;
import dev.sluice.api.stage.model.VariantConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a copy of a stable request to the candidate, on its own HTTP client (its own connections)
 * and its own event loop (so sending, reading and comparing the copy takes no time on the event
 * loop that serves clients), and compares the two answers when both arrived. Nothing waits for the
 * copy: the stable answer is returned as soon as it is in. At most {@code shadow.maxInFlight}
 * copies are outstanding; further copies are dropped and counted, so a slow or dead candidate costs
 * the stable path nothing but the send.
 */
final class ShadowMirror {
  private final Forwarder forwarder;
  private final RouterMetrics metrics;
  private final Context context;
  private final AtomicInteger inFlight = new AtomicInteger();

  /**
   * @param context the event loop context copies are sent, read and compared on
   */
  ShadowMirror(Forwarder forwarder, RouterMetrics metrics, Context context) {
    this.forwarder = forwarder;
    this.metrics = metrics;
    this.context = context;
  }

  /**
   * @param routes the split in force (with a shadow block and a candidate)
   * @param stable the stable variant's answer, pending
   */
  void mirror(
      RouteTable routes,
      String path,
      String contentType,
      Buffer body,
      Future<Forwarder.Answer> stable) {
    ShadowConfig shadow = routes.config().shadow();
    VariantConfig candidate = routes.config().candidate();
    if (inFlight.incrementAndGet() > shadow.maxInFlight()) {
      inFlight.decrementAndGet();
      metrics.shadowDropped(candidate.version());
      return;
    }
    Promise<Forwarder.Answer> stableHere = Promise.promise();
    stable.onComplete(done -> context.runOnContext(v -> stableHere.handle(done)));
    context.runOnContext(v -> send(routes, path, contentType, body, stableHere.future()));
  }

  private void send(
      RouteTable routes,
      String path,
      String contentType,
      Buffer body,
      Future<Forwarder.Answer> stable) {
    ShadowConfig shadow = routes.config().shadow();
    VariantConfig candidate = routes.config().candidate();
    long start = System.nanoTime();
    Future<Forwarder.Answer> copy =
        forwarder.send(
            HttpMethod.POST,
            routes.endpoint(Variant.candidate),
            path,
            contentType,
            body,
            shadow.timeoutMs());
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
                metrics.comparison(candidate.version(), ShadowComparison.error);
                return;
              }
              metrics.comparison(
                  candidate.version(),
                  routes
                      .comparator()
                      .compare(stable.result().body().getBytes(), copy.result().body().getBytes()));
            });
  }
}
