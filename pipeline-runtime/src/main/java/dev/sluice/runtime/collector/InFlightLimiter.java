package dev.sluice.runtime.collector;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} requests (HTTP and gRPC together) in flight; one more is refused at once (503
 * with Retry-After, or gRPC UNAVAILABLE) rather than queued, so memory stays bounded. After {@link
 * #close()} every request is refused and {@link #awaitIdle} waits for the running ones.
 */
public final class InFlightLimiter {
  private final int max;
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closed;

  public InFlightLimiter(int max) {
    this.max = max;
  }

  /** Takes a slot; the caller must {@link #release()} it when the answer is sent. */
  public boolean tryAcquire() {
    if (closed) {
      return false;
    }
    if (inFlight.incrementAndGet() > max) {
      inFlight.decrementAndGet();
      return false;
    }
    return true;
  }

  public void release() {
    inFlight.decrementAndGet();
  }

  /** Requests in flight now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Whether new requests are refused because the collector is shutting down. */
  public boolean isClosed() {
    return closed;
  }

  /** Refuses every new request from now on. */
  public void close() {
    closed = true;
  }

  /**
   * Waits until no request is in flight or {@code timeoutMs} passed.
   *
   * @return whether all finished
   */
  public boolean awaitIdle(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutMs * 1_000_000;
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      // Shutdown only: a short poll keeps the request path free of any signalling cost.
      Thread.sleep(20);
    }
    return inFlight.get() == 0;
  }
}
