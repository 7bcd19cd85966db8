package dev.sluice.runtime.loader.batch;

import dev.sluice.runtime.loader.BeforeCommit;
import dev.sluice.runtime.loader.ConsumerLoop;
import dev.sluice.runtime.objectstore.ObjectStore;
import io.cloudevents.rw.CloudEventRWException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread's side of the batch loader: converts records to lines and buffers them per
 * partition, seals a buffer into a {@link FlushJob} when it is due (records, bytes, interval, or an
 * earlier run's boundary), hands each partition's flushes to the {@link FlushWorkers} one at a
 * time, and commits a flush's offsets once the workers stored it.
 *
 * <p>Backpressure: a partition with a sealed flush waiting behind the one being written is paused
 * until that one is stored, so each partition holds at most two buffers' worth of records. A
 * partition whose flush (or earlier-run probe) fails is paused too — nothing of it is committed —
 * and the same flush is retried with backoff (100 ms doubling to 30 s); other partitions go on.
 *
 * <p>Partitions taken away by a rebalance are flushed first (within {@link #REVOKE_TIMEOUT}) and
 * their offsets committed, so the next owner starts after them.
 */
final class BatchHandler implements ConsumerLoop.Handler {
  /** How long a rebalance waits for the revoked partitions' flushes. */
  static final Duration REVOKE_TIMEOUT = Duration.ofSeconds(30);

  /** How long a graceful stop waits for the last flushes. */
  static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(BatchHandler.class);

  private final BatchLoaderSettings settings;
  private final PartitionFlusher flusher;
  private final FlushWorkers workers;
  private final BeforeCommit beforeCommit;
  private final ObjectStore store;
  private final Map<TopicPartition, PartitionLane> lanes = new HashMap<>();
  // records are converted on the consumer thread only, the one that calls accept
  private final BinaryModeLines binaryMode = new BinaryModeLines();
  private volatile boolean storeReachable;

  BatchHandler(
      BatchLoaderSettings settings,
      PartitionFlusher flusher,
      FlushWorkers workers,
      BeforeCommit beforeCommit,
      ObjectStore store) {
    this.settings = settings;
    this.flusher = flusher;
    this.workers = workers;
    this.beforeCommit = beforeCommit;
    this.store = store;
  }

  @Override
  public boolean prepare(ConsumerLoop.Control control) {
    storeReachable =
        control.retry(
            "make bucket " + settings.bucket(), () -> store.ensureBucket(settings.bucket()));
    return storeReachable;
  }

  @Override
  public boolean ready() {
    return storeReachable;
  }

  @Override
  public void accept(List<ConsumerRecord<byte[], byte[]>> records, ConsumerLoop.Control control) {
    long now = System.currentTimeMillis();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      TopicPartition tp = new TopicPartition(r.topic(), r.partition());
      PartitionLane lane = lanes.computeIfAbsent(tp, PartitionLane::new);
      try {
        lane.buffer.add(BufferedLine.of(r, binaryMode), now);
      } catch (CloudEventRWException | IllegalArgumentException e) {
        lane.buffer.reject(
            r, "not a CloudEvent in the Kafka binary binding: " + e.getMessage(), now);
      }
      // at the record that fills the buffer, so an object never holds more than the limits
      if (lane.buffer.full(settings.flushRecords(), settings.flushBytes())) {
        sealIfDue(lane, control, now);
      }
    }
    step(control, now);
  }

  @Override
  public void idle(ConsumerLoop.Control control) {
    step(control, System.currentTimeMillis());
  }

  @Override
  public void drain(ConsumerLoop.Control control) {
    finish(Set.copyOf(lanes.keySet()), DRAIN_TIMEOUT, control);
  }

  @Override
  public void revoked(Collection<TopicPartition> partitions, ConsumerLoop.Control control) {
    finish(Set.copyOf(partitions), REVOKE_TIMEOUT, control);
    partitions.forEach(lanes::remove);
  }

  @Override
  public void lost(Collection<TopicPartition> partitions) {
    // another member owns them already: nothing of ours can be committed, it re-reads them
    partitions.forEach(lanes::remove);
  }

  /** Commits what the workers stored, seals what is due, hands out what can run. */
  private void step(ConsumerLoop.Control control, long now) {
    collect(workers.completed(), control, now, Set.of());
    for (PartitionLane lane : lanes.values()) {
      sealIfDue(lane, control, now);
      startNext(lane, now);
    }
  }

  private void sealIfDue(PartitionLane lane, ConsumerLoop.Control control, long now) {
    PartitionBuffer buffer = lane.buffer;
    if (buffer.isEmpty() || now < lane.retryAtMs) {
      return;
    }
    if (!buffer.probed && !probe(lane, control, now)) {
      return;
    }
    long upTo =
        buffer.flushUpTo(
            now,
            settings.flushRecords(),
            settings.flushBytes(),
            settings.flushInterval().toMillis());
    if (upTo >= 0) {
      lane.sealed.add(buffer.seal(upTo, now));
    }
    updatePause(lane, control);
  }

  /** Asks the store whether an earlier run flushed from the buffer's first offset. */
  private boolean probe(PartitionLane lane, ConsumerLoop.Control control, long now) {
    try {
      lane.buffer.recoveredLast = flusher.earlierFlushEnd(lane.buffer);
      lane.buffer.probed = true;
      if (lane.running == null) {
        lane.succeeded();
      }
      return true;
    } catch (Exception e) {
      failed(lane, control, now, "list earlier objects", e, false);
      return false;
    }
  }

  private void startNext(PartitionLane lane, long now) {
    if (lane.running == null && !lane.sealed.isEmpty()) {
      lane.running = lane.sealed.poll();
      workers.submit(lane.running);
    } else if (lane.running != null && lane.failed && now >= lane.retryAtMs) {
      lane.failed = false;
      workers.submit(lane.running);
    }
  }

  /**
   * Commits stored flushes; a failed one is retried later, or given up when its partition is in
   * {@code finishing} (its records are consumed again by whoever owns the partition next).
   */
  private void collect(
      List<FlushWorkers.Result> results,
      ConsumerLoop.Control control,
      long now,
      Set<TopicPartition> finishing) {
    for (FlushWorkers.Result result : results) {
      FlushJob job = result.job();
      PartitionLane lane = lanes.get(job.partition());
      if (lane == null || lane.running != job) {
        continue; // a partition given up meanwhile
      }
      if (result.failure() == null) {
        var offsets = Map.of(job.partition(), new OffsetAndMetadata(job.upTo() + 1));
        beforeCommit.written(offsets);
        control.commit(offsets);
        lane.running = null;
        int failures = lane.succeeded();
        if (failures > 0) {
          LOG.info("{} flushed again after {} failures", job.partition(), failures);
        }
        storeReachable = true;
      } else if (!finishing.contains(job.partition())) {
        failed(lane, control, now, "flush", result.failure(), true);
      } else {
        LOG.warn(
            "{}: last flush failed, offsets from {} not committed: {}",
            job.partition(),
            job.first(),
            result.failure().toString());
        lane.running = null;
        lane.sealed.clear();
      }
      updatePause(lane, control);
    }
  }

  /**
   * @param flushFailed whether the running flush failed (it is then sent again at the retry time);
   *     false when the probe failed (a running flush, if any, is still at the workers)
   */
  private void failed(
      PartitionLane lane,
      ConsumerLoop.Control control,
      long now,
      String what,
      Exception e,
      boolean flushFailed) {
    storeReachable = false;
    Duration wait = lane.nextBackoff();
    lane.retryAtMs = now + wait.toMillis();
    lane.failed = lane.failed || flushFailed;
    lane.paused = true;
    control.pause(lane.partition());
    LOG.warn(
        "{}: {} failed, partition paused, retry in {} ms: {}",
        lane.partition(),
        what,
        wait.toMillis(),
        e.toString());
  }

  /** Pauses a partition with a flush waiting or failing; resumes it when neither holds. */
  private void updatePause(PartitionLane lane, ConsumerLoop.Control control) {
    boolean hold = !lane.sealed.isEmpty() || lane.failed || lane.retryAtMs > 0;
    if (hold && !lane.paused) {
      control.pause(lane.partition());
      lane.paused = true;
    } else if (!hold && lane.paused) {
      control.resume(lane.partition());
      lane.paused = false;
    }
  }

  /**
   * Flushes what {@code partitions} buffer (unless an earlier run's boundary is not reached yet)
   * and waits up to {@code timeout} for it, committing each stored flush; no retries.
   */
  private void finish(
      Set<TopicPartition> partitions, Duration timeout, ConsumerLoop.Control control) {
    long now = System.currentTimeMillis();
    List<PartitionLane> finishing = new ArrayList<>();
    for (TopicPartition tp : partitions) {
      PartitionLane lane = lanes.get(tp);
      if (lane == null) {
        continue;
      }
      PartitionBuffer buffer = lane.buffer;
      if (!buffer.isEmpty() && (buffer.probed || probe(lane, control, now))) {
        long upTo =
            buffer.recoveredLast >= 0 ? buffer.flushUpTo(now, 0, 0, 0) : buffer.lastOffset();
        if (upTo >= 0) {
          lane.sealed.add(buffer.seal(upTo, now));
        }
      }
      if (lane.failed) {
        lane.failed = false;
        workers.submit(lane.running);
      }
      finishing.add(lane);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (true) {
        finishing.forEach(lane -> startNext(lane, System.currentTimeMillis()));
        if (finishing.stream().allMatch(l -> l.running == null && l.sealed.isEmpty())) {
          return;
        }
        long leftMs = (deadline - System.nanoTime()) / 1_000_000;
        FlushWorkers.Result result = leftMs > 0 ? workers.await(leftMs) : null;
        if (result == null) {
          LOG.warn(
              "flushes of {} not stored within {} s; their records are consumed again",
              partitions,
              timeout.toSeconds());
          return;
        }
        collect(List.of(result), control, System.currentTimeMillis(), partitions);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
