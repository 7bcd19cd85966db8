package dev.sluice.runtime.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Posts batches of CloudEvents to a collector ({@code POST <url>/v1/events}, {@code
 * application/cloudevents-batch+json}) and reads its per-item answer. A 503 or a refused connection
 * is retried with jittered exponential backoff (honouring {@code Retry-After}) until a deadline;
 * nothing is counted as accepted that the collector did not acknowledge.
 */
public final class CollectorClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI endpoint;
  private final String apiKey;
  private final Duration retryDeadline;

  /**
   * @param collectorUrl base URL, e.g. {@code http://127.0.0.1:8080}
   * @param apiKey API key sent as a bearer token, or null
   * @param retryDeadline how long one batch is retried before its events count as failed
   */
  public CollectorClient(String collectorUrl, String apiKey, Duration retryDeadline) {
    this.endpoint = URI.create(collectorUrl.replaceAll("/+$", "") + "/v1/events");
    this.apiKey = apiKey;
    this.retryDeadline = retryDeadline;
  }

  /**
   * Checks that the collector answers at all ({@code GET <url>/health/live}), so a wrong URL fails
   * at once instead of after the retry deadline.
   *
   * @throws IllegalArgumentException naming the URL when nothing answers there
   */
  public void checkReachable() throws InterruptedException {
    URI live = endpoint.resolve("/health/live");
    try {
      http.send(
          HttpRequest.newBuilder(live).timeout(Duration.ofSeconds(5)).GET().build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "collector unreachable at " + endpoint.resolve("/") + " (is it running?)");
    }
  }

  /** The URL batches are posted to. */
  public URI endpoint() {
    return endpoint;
  }

  /**
   * Posts one batch, retrying while the collector is unreachable or overloaded.
   *
   * @param events structured-mode CloudEvents
   * @return what the collector accepted and rejected
   * @throws InterruptedException when interrupted while waiting to retry
   */
  public BatchResult send(ArrayNode events) throws InterruptedException {
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(events);
    } catch (IOException e) {
      throw new IllegalStateException("events cannot be serialised", e);
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(60))
            .header("content-type", "application/cloudevents-batch+json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (apiKey != null) {
      request.header("authorization", "Bearer " + apiKey);
    }
    Instant deadline = Instant.now().plus(retryDeadline);
    Duration backoff = Duration.ofMillis(100);
    String lastProblem;
    while (true) {
      try {
        HttpResponse<String> response =
            http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 503 && response.statusCode() != 429) {
          return read(response, events.size());
        }
        lastProblem = "HTTP " + response.statusCode();
        backoff =
            response
                .headers()
                .firstValue("retry-after")
                .map(s -> Duration.ofSeconds(Long.parseLong(s.trim())))
                .orElse(backoff);
      } catch (ConnectException e) {
        lastProblem = "collector unreachable at " + endpoint;
      } catch (IOException e) {
        lastProblem = e.toString();
      }
      if (Instant.now().plus(backoff).isAfter(deadline)) {
        return new BatchResult(0, Map.of(), events.size());
      }
      LockSupport.parkNanos(jitter(backoff).toNanos());
      if (Thread.interrupted()) {
        throw new InterruptedException("interrupted while retrying after " + lastProblem);
      }
      backoff =
          backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
              ? Duration.ofSeconds(5)
              : backoff.multipliedBy(2);
    }
  }

  private static Duration jitter(Duration d) {
    return Duration.ofMillis(
        d.toMillis() / 2 + ThreadLocalRandom.current().nextLong(d.toMillis() / 2 + 1));
  }

  private static BatchResult read(HttpResponse<String> response, int sent) throws IOException {
    int status = response.statusCode();
    JsonNode body;
    try {
      body = JSON.readTree(response.body());
    } catch (IOException e) {
      body = null;
    }
    if (body != null && body.has("accepted") && body.has("rejected")) {
      Map<String, Long> rejected = new HashMap<>();
      for (JsonNode item : body.get("rejected")) {
        rejected.merge(item.path("reason").asText("unknown"), 1L, Long::sum);
      }
      return new BatchResult(body.get("accepted").asLong(), rejected, 0);
    }
    if (status / 100 == 2) {
      return new BatchResult(sent, Map.of(), 0);
    }
    String reason =
        body != null && body.has("title") ? body.get("title").asText() : "HTTP " + status;
    return new BatchResult(0, Map.of(reason, (long) sent), 0);
  }
}
