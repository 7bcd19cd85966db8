package dev.sluice.runtime.ops;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The HTTP server every stage runs: {@code GET /health/live} (503 once the stage's processing died,
 * so Kubernetes restarts the pod), {@code GET /health/ready} (503 while the stage is not ready) and
 * {@code GET /metrics} (Prometheus text format). The collector adds its event routes to {@link
 * #router()} before {@link #listen()}. A connection that carries no byte in either direction for
 * {@value #IDLE_TIMEOUT_SECONDS} s is closed, so clients that connect and never send a request do
 * not hold sockets forever.
 *
 * <p>It listens with one server instance per available processor: Vert.x binds each instance to its
 * own event loop and spreads the port's connections over them, so request handling uses every core
 * the container is given (a single instance runs all connections on one event loop, and one core
 * caps the collector's or model server's throughput). Route handlers therefore run on several event
 * loops at once and must be thread-safe.
 */
public final class OpsServer implements AutoCloseable {
  /** Seconds without traffic after which a connection is closed. */
  public static final int IDLE_TIMEOUT_SECONDS = 120;

  private final Vertx vertx;
  private final Router router;
  private final int port;
  private final List<String> deployments = new ArrayList<>();

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
   * Starts listening with one server instance per available processor.
   *
   * @return the port actually bound (the one asked for, or the free one chosen for 0)
   * @throws IllegalStateException when the port cannot be bound within 30 s
   */
  public int listen() {
    return listen(Runtime.getRuntime().availableProcessors());
  }

  /**
   * Starts listening with {@code instances} server instances, each deployed as its own verticle so
   * that it runs on its own event loop (distinct up to the Vert.x event-loop pool size, twice the
   * processors by default).
   *
   * @param instances server instances, at least 1
   * @return the port actually bound
   * @throws IllegalStateException when the port cannot be bound within 30 s
   */
  public int listen(int instances) {
    // Port 0 would give every instance its own free port; a negative port makes Vert.x bind one
    // free port and share it among the servers that ask for the same negative value.
    int shared = port == 0 ? -1 : port;
    List<HttpServer> started = new CopyOnWriteArrayList<>();
    try {
      deployments.add(
          vertx
              .deployVerticle(
                  () -> new ServerVerticle(shared, started),
                  new DeploymentOptions().setInstances(Math.max(1, instances)))
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS));
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "cannot listen on port " + port + ": " + cause.getMessage(), cause);
    }
    return started.getFirst().actualPort();
  }

  /** One server instance on the event loop Vert.x gives its verticle instance. */
  private final class ServerVerticle extends AbstractVerticle {
    private final int onPort;
    private final List<HttpServer> started;

    ServerVerticle(int onPort, List<HttpServer> started) {
      this.onPort = onPort;
      this.started = started;
    }

    @Override
    public void start(Promise<Void> done) {
      vertx
          .createHttpServer(new HttpServerOptions().setIdleTimeout(IDLE_TIMEOUT_SECONDS))
          .requestHandler(router)
          .listen(onPort)
          .onSuccess(
              server -> {
                started.add(server);
                done.complete();
              })
          .onFailure(done::fail);
    }
  }

  /** Stops listening; in-flight requests are finished first. */
  @Override
  public void close() {
    // Undeploying a verticle closes its server.
    for (String deployment : deployments) {
      try {
        vertx
            .undeploy(deployment)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
      } catch (Exception e) {
        // Closing is best effort at shutdown; the process is exiting anyway.
      }
    }
    deployments.clear();
  }
}
