package dev.sluice.runtime.loader.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that encode and upload flushes while the consumer thread keeps polling. Jobs go in
 * with {@link #submit}; their outcomes come back, in completion order, through {@link #completed}
 * or {@link #await}, on the consumer thread, which alone commits.
 *
 * <p>The work queue is bounded by its callers: the batch handler runs at most one job per assigned
 * partition at a time.
 */
final class FlushWorkers implements AutoCloseable {

  /**
   * The outcome of a job.
   *
   * @param job the job
   * @param failure why it could not be written, or null when it was
   */
  record Result(FlushJob job, Exception failure) {}

  private final PartitionFlusher flusher;
  private final ExecutorService pool;
  private final BlockingQueue<Result> done = new LinkedBlockingQueue<>();

  /**
   * @param threads flushes run at once
   */
  FlushWorkers(PartitionFlusher flusher, int threads) {
    this.flusher = flusher;
    AtomicInteger n = new AtomicInteger();
    this.pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "batch-loader-flush-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  void submit(FlushJob job) {
    pool.execute(
        () -> {
          try {
            flusher.flush(job);
            done.add(new Result(job, null));
          } catch (Exception e) {
            done.add(new Result(job, e));
          }
        });
  }

  /** The outcomes since the last call, without waiting. */
  List<Result> completed() {
    List<Result> results = new ArrayList<>();
    done.drainTo(results);
    return results;
  }

  /** The next outcome, waiting at most {@code timeoutMs}; null when none came. */
  Result await(long timeoutMs) throws InterruptedException {
    return done.poll(timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Stops the threads; a flush still running after 10 s is interrupted. */
  @Override
  public void close() {
    pool.shutdown();
    try {
      if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
