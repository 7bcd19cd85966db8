package dev.sluice.runtime.enricher.enrichment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.sluice.api.v1alpha1.Durations;
import dev.sluice.api.v1alpha1.HttpEnrichment;
import dev.sluice.api.v1alpha1.HttpMethod;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls an enrichment API for each event and puts its JSON answer into data under {@code
 * targetField}. GET expands the URL's {@code {field}} placeholders ({@link HttpRequestTemplate});
 * POST sends the {@code fields} as a JSON object. Answers must be 2xx with a JSON body of at most
 * {@link #MAX_ANSWER_BYTES}. Each attempt times out after {@code timeout}; retries, circuit breaker
 * and in-flight bound are those of {@link ResilientCall}. With {@code cacheTtl}, answers are kept
 * that long (at most 100 000 of them), keyed by method, URL and body.
 */
public final class HttpEnrichmentStep implements EnrichmentStep {
  /** Largest accepted answer body, in bytes (1 MiB). */
  public static final long MAX_ANSWER_BYTES = 1024 * 1024;

  private final String name;
  private final HttpEnrichment spec;
  private final HttpRequestTemplate template;
  private final Duration timeout;
  private final HttpClient client;
  private final ResilientCall resilience;
  private final AsyncCache<HttpRequestTemplate.Call, JsonNode> cache;
  private final ObjectMapper json;

  /**
   * @throws IllegalArgumentException naming the field when a duration or the URL is malformed
   */
  public HttpEnrichmentStep(String name, HttpEnrichment spec, ObjectMapper json) {
    this.name = name;
    this.spec = spec;
    this.json = json;
    this.template = new HttpRequestTemplate(spec, json);
    this.timeout = duration(spec.getTimeout(), "timeout");
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
    this.resilience =
        new ResilientCall(
            name,
            timeout,
            spec.getRetries() == null ? 3 : spec.getRetries(),
            spec.getMaxInFlight() == null ? 64 : spec.getMaxInFlight(),
            spec.getCircuitBreakerFailureRatio() == null
                ? 0.5
                : spec.getCircuitBreakerFailureRatio(),
            duration(spec.getCircuitBreakerOpenFor(), "circuitBreakerOpenFor"));
    this.cache =
        spec.getCacheTtl() == null
            ? null
            : Caffeine.newBuilder()
                .expireAfterWrite(duration(spec.getCacheTtl(), "cacheTtl"))
                .maximumSize(100_000)
                .buildAsync();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletableFuture<AddedMembers> apply(ObjectNode data) {
    HttpRequestTemplate.Call call;
    try {
      call = template.callFor(data);
    } catch (EnrichmentException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<JsonNode> answer =
        cache == null ? fetch(call) : cache.get(call, (c, executor) -> fetch(c));
    return answer.thenApply(
        node -> {
          data.set(spec.getTargetField(), node.deepCopy());
          // Answers differ per event: nothing is rendered ahead, the data is serialized again.
          return null;
        });
  }

  private CompletableFuture<JsonNode> fetch(HttpRequestTemplate.Call call) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(call.uri()).timeout(timeout).header("Accept", "application/json");
    if (spec.getMethod() == HttpMethod.GET) {
      request.GET();
    } else {
      request
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofByteArray(call.body()));
    }
    HttpRequest built = request.build();
    return resilience.call(
        () ->
            client
                .sendAsync(built, LimitedBodySubscriber.handler(MAX_ANSWER_BYTES))
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(response -> answer(call.uri(), response)));
  }

  private JsonNode answer(URI uri, HttpResponse<byte[]> response) {
    int status = response.statusCode();
    if (status >= 500 || status == 429) {
      throw new RetriableHttpException(spec.getMethod() + " " + uri + " answered " + status);
    }
    if (status < 200 || status > 299) {
      throw new EnrichmentException(spec.getMethod() + " " + uri + " answered " + status);
    }
    try {
      JsonNode node = json.readTree(response.body());
      if (node == null || node.isMissingNode()) {
        throw new EnrichmentException(spec.getMethod() + " " + uri + " answered an empty body");
      }
      return node;
    } catch (IOException e) {
      throw new EnrichmentException(
          spec.getMethod() + " " + uri + " answered a body that is not JSON");
    }
  }

  /** The state of this API's circuit breaker. */
  public CircuitBreaker.State circuitBreakerState() {
    return resilience.breaker().getState();
  }

  private Duration duration(String text, String field) {
    try {
      return Durations.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("http." + field + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    resilience.close();
    client.close();
  }
}
