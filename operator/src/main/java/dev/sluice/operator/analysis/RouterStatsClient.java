package dev.sluice.operator.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a model-router's {@code GET /router/stats} (format in docs/models.md) and sums, for one
 * version, what it answered as candidate and as shadow. A router that does not answer within {@link
 * #TIMEOUT}, answers non-200, more than {@link #MAX_BYTES} or something else than the stats
 * document fails the future with an {@link IOException} naming the router and the cause.
 */
final class RouterStatsClient {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int MAX_BYTES = 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;

  RouterStatsClient(HttpClient http) {
    this.http = http;
  }

  /**
   * @param routerUrl base URL of one router, e.g. {@code http://10.0.3.7:8080}
   * @param version the version whose counters are wanted
   * @return its cumulative counters at that router ({@link CandidateCounters#ZERO} when the router
   *     has not seen it)
   */
  CompletableFuture<CandidateCounters> fetch(String routerUrl, String version) {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(URI.create(routerUrl + "/router/stats"))
              .timeout(TIMEOUT)
              .GET()
              .build();
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(
          new IOException("router URL '" + routerUrl + "' is not a URL: " + e.getMessage()));
    }
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
        .thenApply(response -> read(routerUrl, response, version));
  }

  private static CandidateCounters read(
      String routerUrl, HttpResponse<InputStream> response, String version) {
    try (InputStream in = response.body()) {
      byte[] body = in.readNBytes(MAX_BYTES + 1);
      if (response.statusCode() != 200) {
        throw new IOException("answered HTTP " + response.statusCode());
      }
      if (body.length > MAX_BYTES) {
        throw new IOException("answered more than " + MAX_BYTES + " bytes");
      }
      return counters(JSON.readTree(body), version);
    } catch (IOException e) {
      throw new StatsUnreadableException(
          "router " + routerUrl + " stats unreadable: " + e.getMessage(), e);
    }
  }

  /** The counters of {@code version} in one stats document. */
  static CandidateCounters counters(JsonNode stats, String version) throws IOException {
    if (!stats.path("variants").isArray() || !stats.path("shadow").isArray()) {
      throw new IOException("not a router stats document (variants and shadow arrays expected)");
    }
    long requests = 0;
    long errors = 0;
    NavigableMap<Double, Long> buckets = new TreeMap<>();
    for (JsonNode v : stats.path("variants")) {
      String variant = v.path("variant").asText();
      if (!version.equals(v.path("version").asText()) || "stable".equals(variant)) {
        continue;
      }
      JsonNode r = v.path("requests");
      requests +=
          r.path("ok").asLong() + r.path("client_error").asLong() + r.path("error").asLong();
      errors += r.path("error").asLong();
      JsonNode le = v.path("latency").path("le");
      JsonNode counts = v.path("latency").path("counts");
      if (le.size() != counts.size()) {
        throw new IOException("latency.le and latency.counts differ in length");
      }
      for (int i = 0; i < le.size(); i++) {
        buckets.merge(le.get(i).asDouble(), counts.get(i).asLong(), Long::sum);
      }
    }
    long agree = 0;
    long disagree = 0;
    for (JsonNode s : stats.path("shadow")) {
      if (version.equals(s.path("version").asText())) {
        agree += s.path("agree").asLong();
        disagree += s.path("disagree").asLong();
      }
    }
    return new CandidateCounters(requests, errors, buckets, agree, disagree);
  }

  /** A router whose stats could not be had; the message names it and says why. */
  static final class StatsUnreadableException extends RuntimeException {
    StatsUnreadableException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
