package dev.sluice.runtime.enricher;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * At-least-once: outputs are sent asynchronously (idempotent producer, {@code acks=all}); a batch's
 * offsets are committed, synchronously, once every output of it and of the batches before it is
 * acknowledged. Up to {@value #MAX_OPEN} batches are open, so the next poll is processed while the
 * previous one's acknowledgements are on their way. A crash re-delivers the uncommitted batches:
 * duplicates, never losses.
 */
final class AtLeastOnceDelivery implements BatchDelivery {
  private static final int MAX_OPEN = 3;

  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> consumer;

  AtLeastOnceDelivery(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer) {
    this.producer = producer;
    this.consumer = consumer;
  }

  @Override
  public int maxOpenBatches() {
    return MAX_OPEN;
  }

  @Override
  public void open() {
    // Nothing to begin: each record is acknowledged on its own.
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    return BatchDelivery.acknowledged(producer, record);
  }

  @Override
  public int commit(List<Batch> open, int atLeast) throws Exception {
    int count = 0;
    while (count < open.size() && (count < atLeast || open.get(count).acked().isDone())) {
      count++;
    }
    if (count == 0) {
      return 0;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Batch batch : open.subList(0, count)) {
      batch.acked().get();
      offsets.putAll(batch.next());
    }
    consumer.commitSync(offsets, Duration.ofSeconds(30));
    return count;
  }

  @Override
  public void recover() {
    // Nothing to undo: records already written stay (at-least-once allows duplicates).
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
