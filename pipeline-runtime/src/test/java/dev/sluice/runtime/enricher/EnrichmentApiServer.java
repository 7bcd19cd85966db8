package dev.sluice.runtime.enricher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP enrichment API on a free local port whose behaviour a test switches: answering, slow,
 * failing, or failing the first attempt of each distinct request. Answers {@code {"path": ...,
 * "elevation": 600}}.
 */
final class EnrichmentApiServer implements AutoCloseable {
  enum Behaviour {
    OK,
    SLOW,
    FAILING,
    FAIL_FIRST_ATTEMPT
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(16);
  private final AtomicInteger requests = new AtomicInteger();
  private final Set<String> seen = ConcurrentHashMap.newKeySet();
  private volatile Behaviour behaviour = Behaviour.OK;

  EnrichmentApiServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  void behave(Behaviour next) {
    behaviour = next;
  }

  /** Requests received so far. */
  int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String key = exchange.getRequestURI() + " " + body;
    switch (behaviour) {
      case SLOW -> {
        try {
          Thread.sleep(2_000); // the API being slow is what is under test
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        answer(exchange, 200, ok(exchange));
      }
      case FAILING -> answer(exchange, 503, "{\"error\":\"down\"}");
      case FAIL_FIRST_ATTEMPT -> answer(exchange, seen.add(key) ? 503 : 200, ok(exchange));
      default -> answer(exchange, 200, ok(exchange));
    }
  }

  private static String ok(HttpExchange exchange) {
    return "{\"path\":\"" + exchange.getRequestURI().getPath() + "\",\"elevation\":600}";
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try {
      exchange.sendResponseHeaders(status, bytes.length);
      exchange.getResponseBody().write(bytes);
    } catch (IOException e) {
      // The client gave up (timeout) before the answer: expected in the slow-API test.
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
