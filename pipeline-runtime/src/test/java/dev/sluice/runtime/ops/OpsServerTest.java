package dev.sluice.runtime.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private final Vertx vertx = Vertx.vertx();
  private final OpsServer server =
      new OpsServer(
          vertx, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), 0, () -> true, () -> false);

  @AfterEach
  void close() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void servesHealthOnOnePortFromEveryInstance() throws Exception {
    int port = server.listen(3);

    for (int i = 0; i < 6; i++) {
      // a new client each time: a new connection, handed to the next instance
      try (HttpClient client = HttpClient.newHttpClient()) {
        assertThat(get(client, port, "/health/live").statusCode()).isEqualTo(200);
        assertThat(get(client, port, "/health/ready").statusCode()).isEqualTo(503);
      }
    }
  }

  @Test
  void spreadsConnectionsOverSeveralEventLoops() throws Exception {
    server.router().get("/thread").handler(ctx -> ctx.end(Thread.currentThread().getName()));
    int port = server.listen(2);

    Set<String> threads = new HashSet<>();
    for (int i = 0; i < 8; i++) {
      try (HttpClient client = HttpClient.newHttpClient()) {
        threads.add(get(client, port, "/thread").body());
      }
    }

    assertThat(threads).hasSize(2).allMatch(t -> t.startsWith("vert.x-eventloop-thread-"));
  }

  private static HttpResponse<String> get(HttpClient client, int port, String path)
      throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
