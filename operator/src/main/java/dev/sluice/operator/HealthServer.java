package dev.sluice.operator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The operator's HTTP endpoints: {@code GET /health/live} (200 once the operator started), {@code
 * GET /health/ready} (200 while every informer and event source is healthy, else 503 listing the
 * unhealthy ones) and {@code GET /metrics} (Prometheus text format).
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;

  /**
   * Starts serving.
   *
   * @param port TCP port on all interfaces; 0 picks a free one
   * @param runtime JOSDK's view of the running operator
   * @param registry the Prometheus registry the operator's metrics go to
   * @throws IOException when the port cannot be bound
   */
  public HealthServer(int port, RuntimeInfo runtime, PrometheusMeterRegistry registry)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress(port), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(
        "/health/live",
        exchange ->
            respond(
                exchange,
                runtime.isStarted() ? 200 : 503,
                "text/plain",
                runtime.isStarted() ? "live\n" : "starting\n"));
    server.createContext(
        "/health/ready",
        exchange -> {
          boolean ready = runtime.isStarted() && runtime.allEventSourcesAreHealthy();
          respond(
              exchange,
              ready ? 200 : 503,
              "text/plain",
              ready ? "ready\n" : "not ready: " + runtime.unhealthyEventSources() + "\n");
        });
    server.createContext(
        "/metrics",
        exchange ->
            respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape()));
    server.start();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
