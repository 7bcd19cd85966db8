package dev.sluice.runtime.loader.batch;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one partition consumed since its last sealed flush, in offset order: each as its
 * line (converted on arrival, so the fetched record is garbage at once and a buffer holds one array
 * per event — the raw records' headers made young collections copy many small objects), or, when it
 * is not a CloudEvent, the record itself and why (for the loader DLQ). Knows when it is due for a
 * flush and seals the items up to an offset into a {@link FlushJob}.
 */
final class PartitionBuffer {

  /**
   * One consumed record: {@code line} or ({@code rejected}, {@code why}).
   *
   * @param offset the record's offset
   * @param line the event's line, or null
   * @param rejected the record, when it is not a CloudEvent
   * @param why why it is not
   */
  record Item(
      long offset, BufferedLine line, ConsumerRecord<byte[], byte[]> rejected, String why) {}

  final TopicPartition partition;
  private final List<Item> items = new ArrayList<>();
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

  void add(BufferedLine line, long nowMs) {
    add(new Item(line.offset(), line, null, null), nowMs);
    bytes += line.json().length + 1;
  }

  void reject(ConsumerRecord<byte[], byte[]> record, String why, long nowMs) {
    add(new Item(record.offset(), null, record, why), nowMs);
  }

  private void add(Item item, long nowMs) {
    if (items.isEmpty()) {
      firstAddedAtMs = nowMs;
    }
    items.add(item);
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  int size() {
    return items.size();
  }

  long firstOffset() {
    return items.isEmpty() ? -1 : items.getFirst().offset();
  }

  long lastOffset() {
    return items.isEmpty() ? -1 : items.getLast().offset();
  }

  /** The first event's line (its object is written first by a flush), or null when none. */
  BufferedLine firstLine() {
    for (Item i : items) {
      if (i.line() != null) {
        return i.line();
      }
    }
    return null;
  }

  /** Whether it holds {@code maxRecords} records or {@code maxBytes} bytes of event JSON. */
  boolean full(int maxRecords, long maxBytes) {
    return items.size() >= maxRecords || bytes >= maxBytes;
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
   * Takes the items up to {@code upTo} out as a flush; the rest starts a new buffer.
   *
   * @param nowMs the time the remaining items count as added at
   */
  FlushJob seal(long upTo, long nowMs) {
    List<Item> sealed = new ArrayList<>();
    List<Item> kept = new ArrayList<>();
    for (Item i : items) {
      (i.offset() <= upTo ? sealed : kept).add(i);
    }
    FlushJob job = new FlushJob(partition, sealed.getFirst().offset(), upTo, List.copyOf(sealed));
    boolean wasRecovering = recoveredLast >= 0;
    items.clear();
    bytes = 0;
    recoveredLast = -1;
    // after repeating an earlier run's flush, that run may have flushed the next part too
    probed = !wasRecovering;
    for (Item i : kept) {
      if (i.line() != null) {
        add(i.line(), nowMs);
      } else {
        reject(i.rejected(), i.why(), nowMs);
      }
    }
    return job;
  }
}
