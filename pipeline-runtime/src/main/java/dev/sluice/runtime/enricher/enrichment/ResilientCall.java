package dev.sluice.runtime.enricher.enrichment;

import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The resilience4j policies around one enrichment API, outermost first: a bulkhead (at most {@code
 * maxInFlight} events in flight; the caller waits for a permit, which throttles the consumer), a
 * retry ({@code retries} more attempts after timeouts, I/O errors, 5xx and 429 answers, with
 * jittered exponential backoff from 100 ms, doubling, ±50 %), and a circuit breaker (over the last
 * 20 attempts, at least 10 recorded, opens when the share of failures reaches {@code failureRatio};
 * fails calls at once for {@code openFor}, then lets 5 trial calls through).
 */
final class ResilientCall implements AutoCloseable {
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

  private final Bulkhead bulkhead;
  private final Retry retry;
  private final CircuitBreaker breaker;
  private final ScheduledExecutorService scheduler;

  ResilientCall(
      String name,
      Duration timeout,
      int retries,
      int maxInFlight,
      double failureRatio,
      Duration openFor) {
    this.breaker =
        CircuitBreaker.of(
            name,
            CircuitBreakerConfig.custom()
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold((float) Math.max(1.0, failureRatio * 100))
                .waitDurationInOpenState(openFor)
                .permittedNumberOfCallsInHalfOpenState(5)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .recordException(t -> isRetriable(unwrap(t)))
                .build());
    this.retry =
        Retry.of(
            name,
            RetryConfig.custom()
                .maxAttempts(retries + 1)
                .intervalFunction(
                    IntervalFunction.ofExponentialRandomBackoff(FIRST_BACKOFF, 2, 0.5))
                .retryOnException(t -> isRetriable(unwrap(t)))
                .build());
    // Waiting longer than one event's whole retry budget would only hide a stuck API.
    Duration budget = timeout.multipliedBy(retries + 1L).plus(Duration.ofMillis(150L << retries));
    this.bulkhead =
        Bulkhead.of(
            name,
            BulkheadConfig.custom()
                .maxConcurrentCalls(maxInFlight)
                .maxWaitDuration(budget)
                .build());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("enrichment-retry-" + name).unstarted(r));
  }

  /**
   * Runs {@code attempt} under the policies; failures arrive unwrapped from CompletionException.
   */
  <T> CompletableFuture<T> call(Supplier<CompletionStage<T>> attempt) {
    Supplier<CompletionStage<T>> guarded = CircuitBreaker.decorateCompletionStage(breaker, attempt);
    Supplier<CompletionStage<T>> retried = Retry.decorateCompletionStage(retry, scheduler, guarded);
    Supplier<CompletionStage<T>> bounded = Bulkhead.decorateCompletionStage(bulkhead, retried);
    CompletableFuture<T> result = new CompletableFuture<>();
    bounded
        .get()
        .whenComplete(
            (value, error) -> {
              if (error != null) {
                result.completeExceptionally(unwrap(error));
              } else {
                result.complete(value);
              }
            });
    return result;
  }

  /** The circuit breaker, for its state in metrics. */
  CircuitBreaker breaker() {
    return breaker;
  }

  static boolean isRetriable(Throwable t) {
    return t instanceof RetriableHttpException
        || t instanceof IOException
        || t instanceof TimeoutException;
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
