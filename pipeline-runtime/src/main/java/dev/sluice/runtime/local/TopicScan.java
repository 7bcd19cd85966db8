package dev.sluice.runtime.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics from the beginning up to their end offsets at the start of the scan, without a
 * consumer group (nothing is committed), and only committed records of transactions.
 */
final class TopicScan {
  private TopicScan() {}

  /**
   * @param bootstrapServers the cluster
   * @param topics topics to read
   * @param maxRecords most records handed to {@code each}
   * @param each told every record read
   */
  static void read(
      String bootstrapServers,
      List<String> topics,
      long maxRecords,
      Consumer<ConsumerRecord<byte[], byte[]>> each) {
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
                5000),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer())) {
      List<TopicPartition> partitions =
          topics.stream()
              .flatMap(
                  t ->
                      consumer.partitionsFor(t, Duration.ofSeconds(10)).stream()
                          .map(p -> new TopicPartition(t, p.partition())))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
      long read = 0;
      while (read < maxRecords
          && ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          if (read++ < maxRecords) {
            each.accept(r);
          }
        }
      }
    }
  }
}
