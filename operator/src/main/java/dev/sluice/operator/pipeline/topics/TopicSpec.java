package dev.sluice.operator.pipeline.topics;

/**
 * One Kafka topic as the pipeline wants it.
 *
 * @param name the topic name, e.g. {@code flights.raw}
 * @param partitions partition count (>= 1); topics only grow
 * @param replicas replication factor; fixed once the topic exists
 * @param retentionMs {@code retention.ms}, milliseconds
 */
public record TopicSpec(String name, int partitions, int replicas, long retentionMs) {}
