package dev.sluice.runtime.loader;

import java.time.Duration;

/**
 * How a loader waits between retries: on its consumer's thread, pausing its partitions and polling
 * (so it stays in its consumer group) rather than sleeping.
 */
@FunctionalInterface
public interface Waiter {
  /**
   * Waits about {@code duration}.
   *
   * @return false when the loader is stopping and the retry should be abandoned (nothing is
   *     committed then)
   */
  boolean await(Duration duration);
}
