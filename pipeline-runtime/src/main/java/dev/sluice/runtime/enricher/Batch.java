package dev.sluice.runtime.enricher;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll's records on their way: processed on the workers, their outputs handed to the producer
 * in partition order, then acknowledged. Offsets are committed only once {@link #acked()} (or, with
 * transactions, with the transaction that holds the sends).
 *
 * @param records records consumed
 * @param first first offset per partition (where to rewind when the batch must be read again)
 * @param next next offset to read per partition (what a commit records)
 * @param outcomes every record's outcome, in poll order; fails only on a processing bug
 * @param sent completes once every output was handed to the producer
 * @param acked completes once Kafka acknowledged every output, or fails with the first error
 */
record Batch(
    int records,
    Map<TopicPartition, Long> first,
    Map<TopicPartition, OffsetAndMetadata> next,
    CompletableFuture<List<EventOutcome>> outcomes,
    CompletableFuture<Void> sent,
    CompletableFuture<Void> acked) {

  /** Whether the batch is done either way (nothing of it is still running). */
  boolean settled() {
    return outcomes.isDone() && sent.isDone() && acked.isDone();
  }
}
