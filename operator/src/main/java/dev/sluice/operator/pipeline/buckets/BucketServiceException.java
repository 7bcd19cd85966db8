package dev.sluice.operator.pipeline.buckets;

/** An object-store call failed, or its credentials could not be read; the message says which. */
public class BucketServiceException extends RuntimeException {
  /**
   * @param message what failed and why
   * @param cause the underlying exception, or null
   */
  public BucketServiceException(String message, Throwable cause) {
    super(message, cause);
  }
}
