package dev.sluice.runtime.loader.realtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records consumed since the last commit, in consumption order: each with its document, or with
 * the reason it has none (it goes to the loader DLQ instead). Bounded by the bulk size and {@link
 * RealtimeLoaderSettings#MAX_BULK_BYTES}.
 */
final class PendingBatch {
  /**
   * @param record the consumed record
   * @param document its document, or null when it could not be made one
   * @param rejection why it has no document, or null
   */
  record Entry(ConsumerRecord<byte[], byte[]> record, IndexDocument document, String rejection) {}

  private final int maxDocs;
  private final List<Entry> entries = new ArrayList<>();
  private final Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
  private long bytes;
  private long firstAddedAtMs;

  PendingBatch(int maxDocs) {
    this.maxDocs = maxDocs;
  }

  void add(Entry entry, long nowMs) {
    if (entries.isEmpty()) {
      firstAddedAtMs = nowMs;
    }
    entries.add(entry);
    if (entry.document() != null) {
      bytes += entry.document().source().length + entry.document().id().length() + 64L;
    }
    ConsumerRecord<byte[], byte[]> r = entry.record();
    offsets.put(
        new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
  }

  /** Whether it should be sent now: full, too large, or its oldest record waited long enough. */
  boolean due(long nowMs, long flushIntervalMs) {
    return entries.size() >= maxDocs
        || bytes >= RealtimeLoaderSettings.MAX_BULK_BYTES
        || (!entries.isEmpty() && nowMs - firstAddedAtMs >= flushIntervalMs);
  }

  List<Entry> entries() {
    return entries;
  }

  /** The offsets to commit once every entry is indexed or dead-lettered: last offset + 1. */
  Map<TopicPartition, OffsetAndMetadata> offsets() {
    return offsets;
  }

  boolean isEmpty() {
    return entries.isEmpty();
  }

  void clear() {
    entries.clear();
    offsets.clear();
    bytes = 0;
  }
}
