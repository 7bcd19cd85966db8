package dev.sluice.runtime.loader.batch;

import io.cloudevents.rw.CloudEventRWException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * The records of one partition consumed since its last sealed flush, in offset order, as fetched
 * (they are parsed by the flush workers, off the consumer thread). Knows when it is due for a flush
 * and seals the records up to an offset into a {@link FlushJob}.
 */
final class PartitionBuffer {
  final TopicPartition partition;
  private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
  private long bytes;
  private long firstAddedAtMs;

  /**
   * The last offset an earlier run flushed from {@link #firstOffset}, or -1: flush exactly there.
   */
  long recoveredLast = -1;

  /** Whether the object store was asked for an earlier run's flush from {@link #firstOffset}. */
  boolean probed;

  PartitionBuffer(TopicPartition partition) {
    this.partition = partition;
  }

  void add(ConsumerRecord<byte[], byte[]> record, long nowMs) {
    if (records.isEmpty()) {
      firstAddedAtMs = nowMs;
    }
    records.add(record);
    bytes += size(record);
  }

  /** Bytes a record holds: value and headers (keys and values). */
  static long size(ConsumerRecord<byte[], byte[]> record) {
    long n = record.value() == null ? 0 : record.value().length;
    for (Header h : record.headers()) {
      n += h.key().length() + (h.value() == null ? 0 : h.value().length);
    }
    return n;
  }

  boolean isEmpty() {
    return records.isEmpty();
  }

  int size() {
    return records.size();
  }

  long firstOffset() {
    return records.isEmpty() ? -1 : records.getFirst().offset();
  }

  long lastOffset() {
    return records.isEmpty() ? -1 : records.getLast().offset();
  }

  /**
   * The first record that is a CloudEvent, as a line (its object is written first by a flush), or
   * null when there is none.
   */
  BufferedLine firstLine() {
    for (ConsumerRecord<byte[], byte[]> r : records) {
      try {
        return BufferedLine.of(r);
      } catch (CloudEventRWException | IllegalArgumentException e) {
        // not a CloudEvent: it goes to the loader DLQ; the next one starts the objects
      }
    }
    return null;
  }

  /** Whether it holds {@code maxRecords} records or {@code maxBytes} bytes. */
  boolean full(int maxRecords, long maxBytes) {
    return records.size() >= maxRecords || bytes >= maxBytes;
  }

  /**
   * The offset to flush up to now, or -1 when not due: the recovered boundary once reached (an
   * earlier run's flush is repeated exactly), else everything when full or old enough.
   */
  long flushUpTo(long nowMs, int maxRecords, long maxBytes, long intervalMs) {
    if (isEmpty()) {
      return -1;
    }
    if (recoveredLast >= 0) {
      return lastOffset() >= recoveredLast ? recoveredLast : -1;
    }
    return full(maxRecords, maxBytes) || nowMs - firstAddedAtMs >= intervalMs ? lastOffset() : -1;
  }

  /**
   * Takes the records up to {@code upTo} out as a flush; the rest starts a new buffer.
   *
   * @param nowMs the time the remaining records count as added at
   */
  FlushJob seal(long upTo, long nowMs) {
    List<ConsumerRecord<byte[], byte[]>> sealed = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> kept = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      (r.offset() <= upTo ? sealed : kept).add(r);
    }
    FlushJob job = new FlushJob(partition, sealed.getFirst().offset(), upTo, List.copyOf(sealed));
    boolean wasRecovering = recoveredLast >= 0;
    records.clear();
    bytes = 0;
    recoveredLast = -1;
    // after repeating an earlier run's flush, that run may have flushed the next part too
    probed = !wasRecovering;
    kept.forEach(r -> add(r, nowMs));
    return job;
  }
}
