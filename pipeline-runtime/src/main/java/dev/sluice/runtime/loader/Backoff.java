package dev.sluice.runtime.loader;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * attempt n waits a random time in [initial * 2^n / 2, initial * 2^n], capped at {@code max}.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private int attempt;

  /**
   * @param initial the wait after the first failure
   * @param max the longest wait
   */
  public Backoff(Duration initial, Duration max) {
    this.initial = initial;
    this.max = max;
  }

  /** The wait before the next attempt; each call doubles the next one up to the cap. */
  public Duration next() {
    long ceiling = Math.min(max.toMillis(), initial.toMillis() << Math.min(attempt, 20));
    attempt++;
    return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
  }

  /** Starts over after a success. */
  public void reset() {
    attempt = 0;
  }

  /** Failures since the last success. */
  public int failures() {
    return attempt;
  }
}
