package dev.sluice.runtime.model.router;

import dev.sluice.api.stage.model.ShadowConfig;
import dev.sluice.api.stage.model.VariantConfig;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends a copy of a stable request to the candidate once the stable answer is in, on its own HTTP
 * client (its own connections) and its own event loop, and compares the two answers. The client's
 * answer never waits for the copy, and the copy never runs beside the request it copies: the stable
 * path pays one hand-over to the mirror's event loop, and on machines where the candidate shares
 * CPUs with the stable server, their inferences do not overlap for the same request. At most {@code
 * shadow.maxInFlight} copies are outstanding (from the request until the candidate's answer);
 * further copies are dropped and counted, so a slow or dead candidate holds neither memory nor the
 * stable path.
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
   * Call after the handler that answers the client is registered on {@code stable}, so that answer
   * goes out first.
   *
   * @param routes the split in force (with a shadow block and a candidate)
   * @param stable the stable variant's answer, pending
   */
  void mirror(
      RouteTable routes,
      String path,
      String contentType,
      Buffer body,
      Future<Forwarder.Answer> stable) {
    if (inFlight.incrementAndGet() > routes.config().shadow().maxInFlight()) {
      inFlight.decrementAndGet();
      metrics.shadowDropped(routes.config().candidate().version());
      return;
    }
    stable.onComplete(
        answer -> context.runOnContext(v -> send(routes, path, contentType, body, answer)));
  }

  private void send(
      RouteTable routes,
      String path,
      String contentType,
      Buffer body,
      AsyncResult<Forwarder.Answer> stable) {
    ShadowConfig shadow = routes.config().shadow();
    VariantConfig candidate = routes.config().candidate();
    long start = System.nanoTime();
    forwarder
        .send(
            HttpMethod.POST,
            routes.endpoint(Variant.candidate),
            path,
            contentType,
            body,
            shadow.timeoutMs())
        .onComplete(
            copy -> {
              inFlight.decrementAndGet();
              metrics.request(
                  Variant.shadow,
                  candidate.version(),
                  copy.succeeded() ? copy.result().status() : 504,
                  System.nanoTime() - start);
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
