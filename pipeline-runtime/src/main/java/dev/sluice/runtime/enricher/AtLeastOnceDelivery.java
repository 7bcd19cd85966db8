package dev.sluice.runtime.enricher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * At-least-once: every record of the batch is sent asynchronously (idempotent producer, {@code
 * acks=all}), and the offsets are committed once, synchronously, after all sends are acknowledged.
 * A crash in between re-delivers the batch: duplicates, never losses.
 */
final class AtLeastOnceDelivery implements BatchDelivery {
  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> consumer;

  AtLeastOnceDelivery(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer) {
    this.producer = producer;
    this.consumer = consumer;
  }

  @Override
  public void deliver(
      List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets)
      throws Exception {
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    for (ProducerRecord<byte[], byte[]> record : records) {
      acks.add(producer.send(record));
    }
    for (Future<RecordMetadata> ack : acks) {
      ack.get();
    }
    consumer.commitSync(offsets, Duration.ofSeconds(30));
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
