package dev.sluice.runtime.collector.http;

/**
 * A request body did not end within the collector's {@code requestTimeoutMs}: the client stalled or
 * is too slow. Answered 408 and the connection is closed; nothing is written (the request never
 * arrived, as when a client disconnects mid-body).
 */
final class BodyTimeoutException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * @param timeoutMs the limit, in milliseconds
   * @param receivedBytes body bytes received before it
   */
  BodyTimeoutException(long timeoutMs, long receivedBytes) {
    super(
        "the request body did not arrive within "
            + timeoutMs
            + " ms ("
            + receivedBytes
            + " bytes received); the connection is closed",
        null,
        false,
        false);
  }
}
