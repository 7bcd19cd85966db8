package dev.sluice.runtime.loader.batch;

import dev.sluice.runtime.StageName;
import dev.sluice.runtime.deadletter.DeadLetter;
import dev.sluice.runtime.deadletter.ErrorClass;
import dev.sluice.runtime.loader.DeadLetterSender;
import dev.sluice.runtime.objectstore.ObjectStore;
import dev.sluice.runtime.objectstore.ObjectStoreException;
import dev.sluice.runtime.objectstore.StoredObject;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a {@link FlushJob} as one object per event type and hour (encoded and uploaded), and its
 * records that are not CloudEvents to the loader DLQ. Runs on the flush workers (thread-safe: the
 * store, encoder, DLQ producer and registry are); the consumer thread commits once a job is
 * written.
 *
 * <p><b>Replays.</b> Object names carry the flush's first and last offsets, so a flush repeated
 * over the same records writes the same keys with the same content. After a crash between the
 * writes and the commit, the records are consumed again from the committed offset {@code c}; before
 * flushing them the loader looks for an object {@code <topic>-<partition>-<c>-<last>} in the
 * directory of the first event ({@link #earlierFlushEnd}) and, when it finds one, flushes exactly
 * up to {@code <last>} again. The object of the first event is written first, so if any object of a
 * flush exists, that one does.
 */
final class PartitionFlusher {
  private final BatchLoaderSettings settings;
  private final ObjectLayout layout;
  private final ObjectStore store;
  private final ObjectEncoder encoder;
  private final DeadLetterSender deadLetters;
  private final MeterRegistry registry;

  PartitionFlusher(
      BatchLoaderSettings settings,
      ObjectStore store,
      ObjectEncoder encoder,
      DeadLetterSender deadLetters,
      MeterRegistry registry) {
    this.settings = settings;
    this.layout = new ObjectLayout(settings.prefix());
    this.store = store;
    this.encoder = encoder;
    this.deadLetters = deadLetters;
    this.registry = registry;
  }

  /**
   * The last offset of an earlier run's flush that started at the buffer's first offset, or -1.
   *
   * @throws ObjectStoreException when the store cannot be listed
   */
  long earlierFlushEnd(PartitionBuffer buffer) throws ObjectStoreException {
    BufferedLine first = buffer.firstLine();
    if (first == null) {
      return -1; // only non-events so far: no object can start here
    }
    String prefix =
        layout.objectPrefix(
            first.type(),
            first.hour(),
            buffer.partition.topic(),
            buffer.partition.partition(),
            buffer.firstOffset());
    long last = -1;
    for (StoredObject o : store.list(settings.bucket(), prefix)) {
      last = Math.max(last, ObjectLayout.lastOffset(o.key(), prefix));
    }
    return last;
  }

  /**
   * Writes the job's objects and dead letters; the caller commits {@code upTo + 1} afterwards.
   *
   * @throws Exception when an object or dead letter could not be written
   */
  void flush(FlushJob job) throws Exception {
    Map<BufferedLine.Group, List<BufferedLine>> groups = new LinkedHashMap<>();
    List<ProducerRecord<byte[], byte[]>> dead = new ArrayList<>();
    for (PartitionBuffer.Item i : job.items()) {
      if (i.line() != null) {
        groups.computeIfAbsent(i.line().group(), g -> new ArrayList<>()).add(i.line());
      } else {
        dead.add(
            DeadLetter.of(StageName.BATCH_LOADER, ErrorClass.ObjectWriteFailed, i.why())
                .toRecord(settings.loaderDeadLetterTopic(), i.rejected()));
      }
    }
    long bytes = 0;
    for (var group : groups.entrySet()) {
      String key =
          layout.key(
              group.getKey().type(),
              group.getKey().hour(),
              job.partition().topic(),
              job.partition().partition(),
              job.first(),
              job.upTo(),
              settings.format());
      Path file = encoder.encode(group.getValue());
      try {
        bytes += Files.size(file);
        store.put(settings.bucket(), key, file, encoder.contentType());
      } finally {
        Files.deleteIfExists(file);
      }
    }
    deadLetters.sendAll(dead);
    long events = groups.values().stream().mapToLong(List::size).sum();
    registry.counter("sluice.loader.events", "outcome", "stored").increment(events);
    registry.counter("sluice.loader.events", "outcome", "dead_lettered").increment(dead.size());
    registry.counter("sluice.loader.objects").increment(groups.size());
    registry.counter("sluice.loader.object.bytes").increment(bytes);
  }
}
