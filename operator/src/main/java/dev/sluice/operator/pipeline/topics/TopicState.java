package dev.sluice.operator.pipeline.topics;

/**
 * A Kafka topic as it exists on the broker.
 *
 * @param partitions partition count
 * @param replicas replication factor (of partition 0)
 * @param retentionMs {@code retention.ms}, or -1 when unlimited
 */
public record TopicState(int partitions, int replicas, long retentionMs) {}
