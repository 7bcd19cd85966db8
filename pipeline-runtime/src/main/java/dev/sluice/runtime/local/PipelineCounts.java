package dev.sluice.runtime.local;

import dev.sluice.api.v1alpha1.PipelineTopics;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records each part of a pipeline holds or has handled, read from Kafka alone: the end
 * offsets of its topics and the committed offsets of its stages' consumer groups (records counted,
 * not distinct events: an at-least-once replay counts twice).
 *
 * @param raw records in the raw topic (events the collector accepted)
 * @param rawDeadLetter records in the raw dead-letter topic
 * @param enriched records in the enriched topic
 * @param enrichedDeadLetter records in the enriched dead-letter topic
 * @param loaderDeadLetter records in the loader dead-letter topic
 * @param enricherCommitted raw records the enricher has committed
 * @param batchLoaded enriched records the batch loader has committed (stored as objects)
 * @param indexed enriched and dead-letter records the real-time loader has committed
 */
public record PipelineCounts(
    long raw,
    long rawDeadLetter,
    long enriched,
    long enrichedDeadLetter,
    long loaderDeadLetter,
    long enricherCommitted,
    long batchLoaded,
    long indexed) {

  /**
   * Reads the counts.
   *
   * @param admin a client of the pipeline's Kafka cluster
   * @param pipeline metadata.name of the pipeline (consumer groups are {@code <pipeline>-<stage>})
   * @param topics the pipeline's topics
   * @throws IllegalStateException when Kafka does not answer within 10 s
   */
  public static PipelineCounts read(Admin admin, String pipeline, PipelineTopics topics) {
    try {
      Map<TopicPartition, Long> ends =
          endOffsets(
              admin,
              List.of(
                  topics.getRaw(),
                  topics.getRawDeadLetter(),
                  topics.getEnriched(),
                  topics.getEnrichedDeadLetter(),
                  topics.getLoaderDeadLetter()));
      return new PipelineCounts(
          sum(ends, topics.getRaw()),
          sum(ends, topics.getRawDeadLetter()),
          sum(ends, topics.getEnriched()),
          sum(ends, topics.getEnrichedDeadLetter()),
          sum(ends, topics.getLoaderDeadLetter()),
          committed(admin, pipeline + "-enricher", topics.getRaw()),
          committed(admin, pipeline + "-batch-loader", topics.getEnriched()),
          committed(admin, pipeline + "-realtime-loader", topics.getEnriched())
              + committed(admin, pipeline + "-realtime-loader", topics.getEnrichedDeadLetter()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading pipeline counts", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Kafka did not answer: " + e.getMessage(), e);
    }
  }

  private static Map<TopicPartition, Long> endOffsets(Admin admin, Collection<String> names)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, TopicDescription> described =
        admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    described.forEach(
        (name, d) ->
            d.partitions()
                .forEach(
                    p ->
                        request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
    Map<TopicPartition, ListOffsetsResultInfo> result =
        admin.listOffsets(request).all().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, Long> ends = new HashMap<>();
    result.forEach((tp, info) -> ends.put(tp, info.offset()));
    return ends;
  }

  private static long committed(Admin admin, String group, String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        admin
            .listConsumerGroupOffsets(group)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    return offsets.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
        .mapToLong(e -> e.getValue().offset())
        .sum();
  }

  private static long sum(Map<TopicPartition, Long> ends, String topic) {
    return ends.entrySet().stream()
        .filter(e -> e.getKey().topic().equals(topic))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
