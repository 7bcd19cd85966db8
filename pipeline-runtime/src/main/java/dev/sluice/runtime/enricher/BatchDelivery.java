package dev.sluice.runtime.enricher;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** How one poll's output is written and its offsets committed: the delivery guarantee. */
interface BatchDelivery extends AutoCloseable {

  /**
   * Produces {@code records} and commits {@code offsets} (next offset to read, per partition), so
   * that the offsets never count as consumed before the records are acknowledged.
   *
   * @throws Exception when either fails; the batch must then be consumed again after {@link
   *     #recover()}
   */
  void deliver(
      List<ProducerRecord<byte[], byte[]>> records, Map<TopicPartition, OffsetAndMetadata> offsets)
      throws Exception;

  /** Makes the delivery usable again after {@link #deliver} failed (aborts a transaction). */
  void recover();

  @Override
  void close();
}
