package dev.sluice.runtime.model.router;

import dev.sluice.api.stage.model.VariantConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * Forwards one client request to the variant the {@link RouteTable} picks (or the one of the
 * version in a {@code /versions/<v>/} path) and returns its answer as is, with headers {@code
 * sluice-variant} and {@code sluice-model-version}. Stable inference requests may be mirrored to
 * the candidate ({@link ShadowMirror}). A variant that cannot be reached or does not answer in
 * {@code requestTimeoutMs} gives 502/504 {@code {"error": …}}.
 */
final class ProxyHandler {
  // Header names encoded once, not per response.
  private static final CharSequence VARIANT = HttpHeaders.createOptimized("sluice-variant");
  private static final CharSequence VERSION = HttpHeaders.createOptimized("sluice-model-version");
  private static final CharSequence CONTENT_TYPE = HttpHeaderNames.CONTENT_TYPE;

  private final Supplier<RouteTable> table;
  private final Forwarder forwarder;
  private final ShadowMirror shadow;
  private final RouterMetrics metrics;

  ProxyHandler(
      Supplier<RouteTable> table, Forwarder forwarder, ShadowMirror shadow, RouterMetrics metrics) {
    this.table = table;
    this.forwarder = forwarder;
    this.shadow = shadow;
    this.metrics = metrics;
  }

  void handle(RoutingContext ctx) {
    long start = System.nanoTime();
    RouteTable routes = table.get();
    String model = ctx.pathParam("model");
    if (!routes.config().model().equals(model)) {
      error(
          ctx,
          404,
          "model '"
              + model
              + "' is not routed here; this router serves "
              + routes.config().model());
      return;
    }
    String version = ctx.pathParam("version");
    Variant variant = version == null ? routes.pick() : routes.byVersion(version);
    if (variant == null) {
      error(ctx, 404, "version '" + version + "' of model " + model + " is not routed here");
      return;
    }
    VariantConfig target = routes.variant(variant);
    Buffer body = ctx.body().buffer();
    String path = ctx.request().uri();
    String contentType = ctx.request().getHeader(CONTENT_TYPE);
    Future<Forwarder.Answer> answer =
        forwarder.send(
            ctx.request().method(),
            routes.endpoint(variant),
            path,
            contentType,
            body,
            routes.config().requestTimeoutMs());
    answer.onComplete(
        done -> {
          if (done.succeeded()) {
            Forwarder.Answer a = done.result();
            metrics.request(variant, target.version(), a.status(), System.nanoTime() - start);
            var response =
                ctx.response()
                    .setStatusCode(a.status())
                    .putHeader(VARIANT, variant.name())
                    .putHeader(VERSION, target.version());
            if (a.contentType() != null) {
              response.putHeader(CONTENT_TYPE, a.contentType());
            }
            response.end(a.body());
          } else {
            boolean timeout = String.valueOf(done.cause()).toLowerCase().contains("timeout");
            int status = timeout ? 504 : 502;
            metrics.request(variant, target.version(), status, System.nanoTime() - start);
            ctx.response().putHeader(VARIANT, variant.name());
            error(
                ctx,
                status,
                variant
                    + " variant (version "
                    + target.version()
                    + ") failed: "
                    + done.cause().getMessage());
          }
        });
    if (variant == Variant.stable
        && version == null
        && body != null
        && path.endsWith("/infer")
        && routes.mirror()) {
      shadow.mirror(routes, path, contentType, body, answer);
    }
  }

  static void error(RoutingContext ctx, int status, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("error", message).encode());
  }
}
