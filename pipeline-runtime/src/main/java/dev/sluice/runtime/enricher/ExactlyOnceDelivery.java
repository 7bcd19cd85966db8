package dev.sluice.runtime.enricher;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once (Kafka transactions, read-process-write): each batch's records and its consumer
 * offsets ({@code sendOffsetsToTransaction} with the consumer's group metadata, which fences zombie
 * instances after a rebalance) commit in one transaction. Consumers of the enriched topic and DLQ
 * must read with {@code isolation.level=read_committed}. A crash aborts the open transaction when
 * the instance's {@code transactional.id} is next initialised.
 */
final class ExactlyOnceDelivery implements BatchDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceDelivery.class);

  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> consumer;

  /** Initialises the producer's transactions (fencing an older instance with the same id). */
  ExactlyOnceDelivery(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer) {
    this.producer = producer;
    this.consumer = consumer;
    producer.initTransactions();
  }

  @Override
  public void deliver(
      List<ProducerRecord<byte[], byte[]>> records,
      Map<TopicPartition, OffsetAndMetadata> offsets) {
    producer.beginTransaction();
    for (ProducerRecord<byte[], byte[]> record : records) {
      producer.send(record);
    }
    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
    producer.commitTransaction();
  }

  @Override
  public void recover() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      LOG.warn("aborting the enricher transaction failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(10));
  }
}
