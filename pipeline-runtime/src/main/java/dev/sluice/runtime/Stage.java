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

  /** Stops accepting work, flushes what is buffered, commits offsets and releases resources. */
  @Override
  void close();
}
