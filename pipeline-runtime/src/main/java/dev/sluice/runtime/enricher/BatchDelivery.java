package dev.sluice.runtime.enricher;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The delivery guarantee: how the outputs of polled batches are written and when their offsets are
 * committed. The loop opens batches in poll order and keeps them until this commits them.
 */
interface BatchDelivery extends AutoCloseable {

  /** Most batches open at once; the loop commits the oldest before polling more. */
  int maxOpenBatches();

  /** Called on the loop thread before a batch's outputs are sent (a transaction starts here). */
  void open();

  /**
   * Hands one output to the producer. Called from any thread, in partition order.
   *
   * @return completes when Kafka acknowledged the record, or fails with its error
   */
  CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record);

  /**
   * Commits the offsets of the oldest open batches whose outputs are safely written: those already
   * done, and at least {@code atLeast} of them (waiting for these).
   *
   * @param open the open batches, oldest first
   * @return how many of the oldest batches are now committed
   * @throws Exception when a batch's output or the commit failed; the open batches must then be
   *     read again after {@link #recover()}
   */
  int commit(List<Batch> open, int atLeast) throws Exception;

  /** Makes the delivery usable again after a failure (aborts a transaction). */
  void recover();

  @Override
  void close();

  /** Sends {@code record}; an error thrown by {@code send} itself fails the future too. */
  static CompletableFuture<RecordMetadata> acknowledged(
      Producer<byte[], byte[]> producer, ProducerRecord<byte[], byte[]> record) {
    CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
    try {
      producer.send(
          record,
          (metadata, error) -> {
            if (error == null) {
              ack.complete(metadata);
            } else {
              ack.completeExceptionally(error);
            }
          });
    } catch (RuntimeException e) {
      ack.completeExceptionally(e);
    }
    return ack;
  }
}
