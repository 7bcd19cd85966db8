package dev.sluice.runtime.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HTTP server every stage runs: {@code GET /health/live} (503 once the stage's processing died,
 * so Kubernetes restarts the pod), {@code GET /health/ready} (503 while the stage is not ready) and
 * {@code GET /metrics} (Prometheus text format). The collector adds its event routes to {@link
 * #router()} before {@link #listen()}. A connection that carries no byte in either direction for
 * {@value #IDLE_TIMEOUT_SECONDS} s is closed, so clients that connect and never send a request do
 * not hold sockets forever.
 */
public final class OpsServer implements AutoCloseable {
  /** Seconds without traffic after which a connection is closed. */
  public static final int IDLE_TIMEOUT_SECONDS = 120;

  private final Vertx vertx;
  private final Router router;
  private final int port;
  private HttpServer server;

  /**
   * @param vertx the Vert.x instance the server runs on
   * @param registry the registry {@code /metrics} scrapes
   * @param port TCP port on all interfaces, 0 for a free one
   * @param live whether the process should keep running, asked on every {@code /health/live}
   * @param ready whether the stage is ready, asked on every {@code /health/ready}
   */
  public OpsServer(
      Vertx vertx,
      PrometheusMeterRegistry registry,
      int port,
      BooleanSupplier live,
      BooleanSupplier ready) {
    this.vertx = vertx;
    this.port = port;
    this.router = Router.router(vertx);
    router.get("/health/live").handler(ctx -> status(ctx, live.getAsBoolean()));
    router.get("/health/ready").handler(ctx -> status(ctx, ready.getAsBoolean()));
    router
        .get("/metrics")
        .handler(
            ctx ->
                ctx.response()
                    .putHeader("content-type", "text/plain; version=0.0.4; charset=utf-8")
                    .end(registry.scrape()));
  }

  private static void status(RoutingContext ctx, boolean up) {
    ctx.response().setStatusCode(up ? 200 : 503);
    ctx.json(new JsonObject().put("status", up ? "UP" : "DOWN"));
  }

  /** The router, for stages that serve more than health and metrics. */
  public Router router() {
    return router;
  }

  /**
   * Starts listening.
   *
   * @return the port actually bound
   * @throws IllegalStateException when the port cannot be bound within 30 s
   */
  public int listen() {
    try {
      server =
          vertx
              .createHttpServer(new HttpServerOptions().setIdleTimeout(IDLE_TIMEOUT_SECONDS))
              .requestHandler(router)
              .listen(port)
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      return server.actualPort();
    } catch (Exception e) {
      throw new IllegalStateException("cannot listen on port " + port + ": " + e.getMessage(), e);
    }
  }

  /** Stops listening; in-flight requests are finished first. */
  @Override
  public void close() {
    if (server != null) {
      try {
        server.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Closing is best effort at shutdown; the process is exiting anyway.
      }
    }
  }
}
