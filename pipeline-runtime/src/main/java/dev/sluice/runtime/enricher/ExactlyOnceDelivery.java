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
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exactly-once (Kafka transactions, read-process-write): the outputs of several polls and their
 * consumer offsets ({@code sendOffsetsToTransaction} with the consumer's group metadata, which
 * fences zombie instances after a rebalance) commit in one transaction, committed once it holds
 * {@value #MAX_RECORDS} records, is {@value #MAX_AGE_MS} ms old, spans {@value #MAX_OPEN} polls, or
 * the input runs dry — so the commit's round trips are shared by many records, and consumers wait
 * at most about {@value #MAX_AGE_MS} ms more. Consumers of the enriched topic and DLQ must read
 * with {@code isolation.level=read_committed}. A crash aborts the open transaction when the
 * instance's {@code transactional.id} is next initialised.
 */
final class ExactlyOnceDelivery implements BatchDelivery {
  private static final Logger LOG = LoggerFactory.getLogger(ExactlyOnceDelivery.class);
  private static final int MAX_RECORDS = 10_000;
  private static final long MAX_AGE_MS = 100;
  private static final int MAX_OPEN = 16;

  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> consumer;
  private boolean inTransaction;
  private long startedAt;

  /** Initialises the producer's transactions (fencing an older instance with the same id). */
  ExactlyOnceDelivery(Producer<byte[], byte[]> producer, Consumer<byte[], byte[]> consumer) {
    this.producer = producer;
    this.consumer = consumer;
    producer.initTransactions();
  }

  @Override
  public int maxOpenBatches() {
    return MAX_OPEN;
  }

  @Override
  public void open() {
    if (!inTransaction) {
      producer.beginTransaction();
      inTransaction = true;
      startedAt = System.nanoTime();
    }
  }

  @Override
  public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
    return BatchDelivery.acknowledged(producer, record);
  }

  /** Commits every open batch in one transaction when one is due, else none. */
  @Override
  public int commit(List<Batch> open, int atLeast) throws Exception {
    if (open.isEmpty() || !(atLeast > 0 || due(open))) {
      return 0;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (Batch batch : open) {
      // Every output must be in the transaction before it commits; commitTransaction awaits acks.
      batch.sent().get();
      offsets.putAll(batch.next());
    }
    producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
    producer.commitTransaction();
    inTransaction = false;
    return open.size();
  }

  private boolean due(List<Batch> open) {
    int records = open.stream().mapToInt(Batch::records).sum();
    return records >= MAX_RECORDS
        || open.size() >= MAX_OPEN
        || (System.nanoTime() - startedAt) / 1_000_000 >= MAX_AGE_MS;
  }

  @Override
  public void recover() {
    if (!inTransaction) {
      return;
    }
    inTransaction = false;
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
