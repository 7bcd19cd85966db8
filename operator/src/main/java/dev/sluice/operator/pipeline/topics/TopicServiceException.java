package dev.sluice.operator.pipeline.topics;

/** A Kafka Admin API call failed; the message says which call and why. */
public class TopicServiceException extends RuntimeException {
  /**
   * @param message which call failed and why
   * @param cause the Kafka exception
   */
  public TopicServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
