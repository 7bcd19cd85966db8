package dev.sluice.runtime.model.server;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} inferences running or queued; one more is refused at once (503) rather than
 * queued, so a burst cannot grow the worker queue without bound.
 */
final class InFlight {
  private final int max;
  private final AtomicInteger count = new AtomicInteger();

  InFlight(int max) {
    this.max = max;
  }

  /** Takes a slot; the caller must {@link #release()} it when the answer is sent. */
  boolean tryAcquire() {
    if (count.incrementAndGet() > max) {
      count.decrementAndGet();
      return false;
    }
    return true;
  }

  void release() {
    count.decrementAndGet();
  }

  /** Waits until no inference runs or {@code timeoutMs} passed (shutdown only). */
  void awaitIdle(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (count.get() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(10); // shutdown path: inferences take microseconds to milliseconds
    }
  }
}
