package dev.sluice.runtime.loader.batch;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one partition consumed since its last flush, in offset order: lines to write, and
 * records that are not CloudEvents (for the loader DLQ). Knows when it is due for a flush.
 */
final class PartitionBuffer {
  final TopicPartition partition;
  final List<BufferedLine> lines = new ArrayList<>();
  final List<ConsumerRecord<byte[], byte[]>> rejected = new ArrayList<>();
  final List<String> rejections = new ArrayList<>();
  private long firstOffset = -1;
  private long lastOffset = -1;
  private long bytes;
  private long firstAddedAtMs;

  /**
   * The last offset an earlier run flushed from {@link #firstOffset}, or -1: flush exactly there.
   */
  long recoveredLast = -1;

  /** Whether the object store was asked for an earlier run's flush from {@link #firstOffset}. */
  boolean probed;

  /** Earliest time of the next flush attempt after a failure (ms), 0 when none failed. */
  long retryAtMs;

  PartitionBuffer(TopicPartition partition) {
    this.partition = partition;
  }

  void add(BufferedLine line, long nowMs) {
    track(line.offset(), nowMs);
    lines.add(line);
    bytes += line.json().length + 1;
  }

  void reject(ConsumerRecord<byte[], byte[]> record, String why, long nowMs) {
    track(record.offset(), nowMs);
    rejected.add(record);
    rejections.add(why);
  }

  private void track(long offset, long nowMs) {
    if (firstOffset < 0) {
      firstOffset = offset;
      firstAddedAtMs = nowMs;
    }
    lastOffset = offset;
  }

  boolean isEmpty() {
    return firstOffset < 0;
  }

  long firstOffset() {
    return firstOffset;
  }

  long lastOffset() {
    return lastOffset;
  }

  /** Whether it holds {@code maxRecords} records or {@code maxBytes} bytes. */
  boolean full(int maxRecords, long maxBytes) {
    return lines.size() + rejected.size() >= maxRecords || bytes >= maxBytes;
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
      return lastOffset >= recoveredLast ? recoveredLast : -1;
    }
    return full(maxRecords, maxBytes) || nowMs - firstAddedAtMs >= intervalMs ? lastOffset : -1;
  }

  /** Drops what was flushed (offsets up to {@code upTo}); the rest starts a new buffer. */
  void removeUpTo(long upTo, long nowMs) {
    List<BufferedLine> keptLines = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> keptRejected = new ArrayList<>();
    List<String> keptWhy = new ArrayList<>();
    lines.stream().filter(l -> l.offset() > upTo).forEach(keptLines::add);
    for (int i = 0; i < rejected.size(); i++) {
      if (rejected.get(i).offset() > upTo) {
        keptRejected.add(rejected.get(i));
        keptWhy.add(rejections.get(i));
      }
    }
    boolean wasRecovering = recoveredLast >= 0;
    lines.clear();
    rejected.clear();
    rejections.clear();
    firstOffset = -1;
    lastOffset = -1;
    bytes = 0;
    recoveredLast = -1;
    retryAtMs = 0;
    // after repeating an earlier run's flush, that run may have flushed the next part too
    probed = !wasRecovering;
    keptLines.forEach(l -> add(l, nowMs));
    for (int i = 0; i < keptRejected.size(); i++) {
      reject(keptRejected.get(i), keptWhy.get(i), nowMs);
    }
  }
}
