package dev.sluice.runtime.collector.publish;

/**
 * Kafka did not acknowledge a write in time (broker unreachable, producer buffer full, delivery
 * timeout). Answered 503 with Retry-After over HTTP and UNAVAILABLE over gRPC; some events of the
 * request may have been written, so a retry can duplicate them (at-least-once; curation dedupes by
 * id).
 */
public final class KafkaUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public KafkaUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
