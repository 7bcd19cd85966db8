package dev.sluice.runtime;

/**
 * One running stage of a pipeline. {@link #start()} returns once the stage is serving or consuming;
 * {@link #close()} shuts it down gracefully: stop accepting, flush, commit.
 */
public interface Stage extends AutoCloseable {

  /**
   * Starts the stage.
   *
   * @throws Exception when it cannot start (the process then exits non-zero)
   */
  void start() throws Exception;

  /**
   * Whether the stage can do its work now (for {@code /health/ready}); for example, false while
   * Kafka is unreachable.
   */
  boolean isReady();

  /**
   * Whether the process should keep running (for {@code /health/live}): false once the stage's
   * processing died of an error it does not recover from (a fenced producer, a lost authorisation,
   * an unexpected exception in its loop), so Kubernetes restarts the pod. A stage that is merely
   * waiting (Kafka down, shutting down) stays live.
   */
  default boolean isLive() {
    return true;
  }

  /** Stops accepting work, flushes what is buffered, commits offsets and releases resources. */
  @Override
  void close();
}
