package dev.sluice.operator.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.v1alpha1.AnalysisResult;
import dev.sluice.api.v1alpha1.PrometheusAnalysis;
import dev.sluice.operator.rollout.Analyzer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * Judges a candidate's error rate from a PromQL query: {@code GET
 * <url>/api/v1/query?query=<query>&time=<now>} (the Prometheus HTTP API), with {@code {{version}}}
 * in the query replaced by the candidate version. The answer must be one number — a scalar, or an
 * instant vector of exactly one series — which is judged against {@code maxErrorRate} only (the
 * query's range is its window; {@code minRequests}, p99 and disagreement are not judged, since one
 * number cannot carry them). Inconclusive, naming why: Prometheus unreachable or slower than {@link
 * #TIMEOUT}, an error answer, no series, several series, NaN (typically 0/0: no requests yet), a
 * negative number or an answer over {@link #MAX_BYTES}.
 */
public final class PrometheusAnalyzer implements Analyzer {
  static final Duration TIMEOUT = Duration.ofSeconds(2);
  static final int MAX_BYTES = 1024 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final PrometheusAnalysis prometheus;
  private final Thresholds thresholds;

  PrometheusAnalyzer(HttpClient http, PrometheusAnalysis prometheus, Thresholds thresholds) {
    this.http = http;
    this.prometheus = prometheus;
    this.thresholds = thresholds;
  }

  @Override
  public AnalysisResult analyze(String candidateVersion, Instant since, Instant now) {
    String query = prometheus.getQuery().replace("{{version}}", candidateVersion);
    String base = prometheus.getUrl().replaceAll("/+$", "");
    try {
      JsonNode answer = get(base, query, now);
      double errorRate = number(answer);
      return thresholds.judgeErrorRate(candidateVersion, errorRate, query, now);
    } catch (IOException e) {
      return Thresholds.inconclusive(
          "Prometheus at " + base + ": " + e.getMessage() + " (query " + query + ")", now);
    }
  }

  private JsonNode get(String base, String query, Instant now) throws IOException {
    HttpRequest request;
    try {
      request =
          HttpRequest.newBuilder(
                  URI.create(
                      base
                          + "/api/v1/query?query="
                          + URLEncoder.encode(query, StandardCharsets.UTF_8)
                          + "&time="
                          + now.getEpochSecond()))
              .timeout(TIMEOUT)
              .GET()
              .build();
    } catch (IllegalArgumentException e) {
      throw new IOException("analysis.prometheus.url is not a URL: " + e.getMessage());
    }
    HttpResponse<InputStream> response;
    byte[] body;
    try {
      response =
          http.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
              .orTimeout(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
              .join();
      try (InputStream in = response.body()) {
        body = in.readNBytes(MAX_BYTES + 1);
      }
    } catch (CompletionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IOException(
          "unreachable: "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
    if (body.length > MAX_BYTES) {
      throw new IOException("answer larger than " + MAX_BYTES + " bytes");
    }
    JsonNode answer;
    try {
      answer = JSON.readTree(body);
    } catch (IOException e) {
      throw new IOException("HTTP " + response.statusCode() + " with a body that is not JSON");
    }
    if (!"success".equals(answer.path("status").asText())) {
      throw new IOException(
          "HTTP "
              + response.statusCode()
              + " "
              + answer.path("errorType").asText("error")
              + ": "
              + answer.path("error").asText("(no message)"));
    }
    return answer;
  }

  private static double number(JsonNode answer) throws IOException {
    JsonNode data = answer.path("data");
    String type = data.path("resultType").asText();
    JsonNode value =
        switch (type) {
          case "scalar" -> data.path("result");
          case "vector" -> {
            JsonNode result = data.path("result");
            if (result.isEmpty()) {
              throw new IOException(
                  "the query returned no series (no requests to the candidate yet?)");
            }
            if (result.size() > 1) {
              throw new IOException(
                  "the query returned "
                      + result.size()
                      + " series; it must return one number (aggregate it, e.g. with sum)");
            }
            yield result.get(0).path("value");
          }
          default ->
              throw new IOException(
                  "the query returned resultType '" + type + "', expected vector or scalar");
        };
    double v;
    try {
      v = Double.parseDouble(value.path(1).asText());
    } catch (NumberFormatException e) {
      throw new IOException("the query's value '" + value.path(1).asText() + "' is not a number");
    }
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      throw new IOException("the query returned " + v + " (0/0: no requests in its range?)");
    }
    if (v < 0) {
      throw new IOException("the query returned " + v + ", an error rate is 0..1");
    }
    return v;
  }
}
