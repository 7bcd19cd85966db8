package dev.sluice.runtime.loader.batch;

import dev.sluice.runtime.loader.Backoff;
import dev.sluice.runtime.loader.ConsumerLoop;
import dev.sluice.runtime.objectstore.ObjectStore;
import io.cloudevents.rw.CloudEventRWException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers records per partition and flushes each buffer when it is due (records, bytes, interval,
 * or an earlier run's boundary). A partition whose flush fails is paused — its buffer stays, no
 * more records of it are fetched, nothing of it is committed — and retried with backoff (100 ms
 * doubling to 30 s); other partitions go on.
 */
final class BatchHandler implements ConsumerLoop.Handler {
  private static final Logger LOG = LoggerFactory.getLogger(BatchHandler.class);

  private final BatchLoaderSettings settings;
  private final PartitionFlusher flusher;
  private final ObjectStore store;
  private final Map<TopicPartition, PartitionBuffer> buffers = new HashMap<>();
  private final Map<TopicPartition, Backoff> backoffs = new HashMap<>();
  private volatile boolean storeReachable;

  BatchHandler(BatchLoaderSettings settings, PartitionFlusher flusher, ObjectStore store) {
    this.settings = settings;
    this.flusher = flusher;
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
      PartitionBuffer buffer = buffers.computeIfAbsent(tp, PartitionBuffer::new);
      try {
        buffer.add(BufferedLine.of(r), now);
      } catch (CloudEventRWException | IllegalArgumentException e) {
        buffer.reject(r, "not a CloudEvent in the Kafka binary binding: " + e.getMessage(), now);
      }
      // at the record that fills the buffer, so an object never holds more than the limits
      if (buffer.full(settings.flushRecords(), settings.flushBytes())) {
        flushIfDue(buffer, control, now);
      }
    }
    tick(control, now);
  }

  @Override
  public void idle(ConsumerLoop.Control control) {
    tick(control, System.currentTimeMillis());
  }

  @Override
  public void drain(ConsumerLoop.Control control) {
    for (PartitionBuffer buffer : new ArrayList<>(buffers.values())) {
      if (!buffer.isEmpty() && buffer.probed && buffer.recoveredLast < 0) {
        attempt(buffer, buffer.lastOffset(), control);
      }
    }
  }

  @Override
  public void revoked(Collection<TopicPartition> partitions) {
    // not flushed, not committed: the next owner consumes them again and repeats our flushes
    partitions.forEach(
        tp -> {
          buffers.remove(tp);
          backoffs.remove(tp);
        });
  }

  private void tick(ConsumerLoop.Control control, long now) {
    for (PartitionBuffer buffer : new ArrayList<>(buffers.values())) {
      flushIfDue(buffer, control, now);
    }
  }

  private void flushIfDue(PartitionBuffer buffer, ConsumerLoop.Control control, long now) {
    if (buffer.isEmpty() || now < buffer.retryAtMs) {
      return;
    }
    if (!buffer.probed && !probe(buffer, control, now)) {
      return;
    }
    long upTo =
        buffer.flushUpTo(
            now,
            settings.flushRecords(),
            settings.flushBytes(),
            settings.flushInterval().toMillis());
    if (upTo >= 0) {
      attempt(buffer, upTo, control);
    }
  }

  private boolean probe(PartitionBuffer buffer, ConsumerLoop.Control control, long now) {
    if (buffer.lines.isEmpty()) {
      buffer.probed = true; // only non-events so far: no object can start here
      return true;
    }
    try {
      buffer.recoveredLast = flusher.earlierFlushEnd(buffer);
      buffer.probed = true;
      return true;
    } catch (Exception e) {
      failed(buffer, control, now, "list earlier objects", e);
      return false;
    }
  }

  private void attempt(PartitionBuffer buffer, long upTo, ConsumerLoop.Control control) {
    long now = System.currentTimeMillis();
    try {
      flusher.flush(buffer, upTo, control);
      buffer.removeUpTo(upTo, now);
      Backoff backoff = backoffs.remove(buffer.partition);
      if (backoff != null) {
        control.resume(buffer.partition);
        LOG.info("{} flushed again after {} failures", buffer.partition, backoff.failures());
      }
      storeReachable = true;
    } catch (Exception e) {
      failed(buffer, control, now, "flush", e);
    }
  }

  private void failed(
      PartitionBuffer buffer, ConsumerLoop.Control control, long now, String what, Exception e) {
    storeReachable = false;
    Backoff backoff =
        backoffs.computeIfAbsent(
            buffer.partition, tp -> new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30)));
    Duration wait = backoff.next();
    buffer.retryAtMs = now + wait.toMillis();
    control.pause(buffer.partition);
    LOG.warn(
        "{}: {} failed, partition paused, retry in {} ms: {}",
        buffer.partition,
        what,
        wait.toMillis(),
        e.toString());
  }
}
