package dev.sluice.runtime.loader.batch;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * One flush, sealed by the consumer thread: the items (event lines and records that are not
 * CloudEvents) of a partition from {@code first} to {@code upTo}, in offset order. Its object keys
 * carry that pair, so writing it again writes the same objects.
 *
 * @param partition the partition
 * @param first offset of its first record
 * @param upTo offset of its last record; {@code upTo + 1} is committed once it is stored
 * @param items the items
 */
record FlushJob(
    TopicPartition partition, long first, long upTo, List<PartitionBuffer.Item> items) {}
