package dev.sluice.runtime.loader.batch;

import dev.sluice.runtime.loader.Backoff;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.common.TopicPartition;

/**
 * One assigned partition's state on the consumer thread: the buffer being filled, flushes sealed
 * and waiting, and the one flush handed to the workers. Flushes of a partition run one at a time,
 * in offset order, so its commits are in order too.
 */
final class PartitionLane {
  final PartitionBuffer buffer;
  final Deque<FlushJob> sealed = new ArrayDeque<>();

  /** The flush at the workers (or failed and waiting for its retry), or null. */
  FlushJob running;

  /** Whether {@link #running} failed and waits until {@link #retryAtMs}. */
  boolean failed;

  /** Earliest time of the next attempt after a failure (of the flush or the probe), ms. */
  long retryAtMs;

  /** Whether the handler paused the partition (backlog or failure). */
  boolean paused;

  private Backoff backoff;

  PartitionLane(TopicPartition partition) {
    this.buffer = new PartitionBuffer(partition);
  }

  TopicPartition partition() {
    return buffer.partition;
  }

  /** Whether nothing of the partition is buffered, sealed or being written. */
  boolean idle() {
    return buffer.isEmpty() && sealed.isEmpty() && running == null;
  }

  /** The wait before the next attempt after one more failure: 100 ms doubling to 30 s. */
  Duration nextBackoff() {
    if (backoff == null) {
      backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
    }
    return backoff.next();
  }

  /** Failures since the last success (0 when none), and starts over. */
  int succeeded() {
    int failures = backoff == null ? 0 : backoff.failures();
    backoff = null;
    failed = false;
    retryAtMs = 0;
    return failures;
  }
}
