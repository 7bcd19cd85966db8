package dev.sluice.runtime.enricher.enrichment;

import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * A step of the {@link EnrichmentChain} failed for an event; the message reads {@code <step>:
 * <reason>}.
 */
public class StepFailedException extends RuntimeException {
  private final String field;

  private StepFailedException(String message, String field) {
    super(message, null, false, false);
    this.field = field;
  }

  static StepFailedException of(String step, Throwable error) {
    Throwable cause = ResilientCall.unwrap(error);
    String field = cause instanceof EnrichmentException e ? e.field() : null;
    return new StepFailedException(step + ": " + reason(cause), field);
  }

  private static String reason(Throwable cause) {
    return switch (cause) {
      case CallNotPermittedException c -> "circuit breaker open, the API is not called";
      case BulkheadFullException b -> "too many calls in flight for too long";
      case HttpTimeoutException t -> "the API did not answer in time";
      case TimeoutException t -> "the API did not answer in time";
      case EnrichmentException e -> e.getMessage();
      default -> cause.toString();
    };
  }

  /** JSON pointer of the event field at fault, or null. */
  public String field() {
    return field;
  }
}
