package dev.sluice.runtime.local;

import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Counts the records of dead-letter topics by error class and message, reading each topic from the
 * beginning without a consumer group (nothing is committed).
 */
public final class DeadLetterReasons {
  /** Most records read per topic. */
  public static final int MAX_RECORDS = 200_000;

  private DeadLetterReasons() {}

  /**
   * @param bootstrapServers the cluster
   * @param topics dead-letter topics
   * @return {@code "<class>: <message>"} → count, most frequent first
   */
  public static Map<String, Long> count(String bootstrapServers, List<String> topics) {
    Map<String, Long> counts = new HashMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
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
      while (read < MAX_RECORDS * (long) topics.size() && !caughtUp(consumer, ends)) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          counts.merge(
              header(r, DeadLetterHeaders.CLASS) + ": " + header(r, DeadLetterHeaders.MESSAGE),
              1L,
              Long::sum);
          read++;
        }
      }
    }
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
  }

  private static boolean caughtUp(
      KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    if (h == null) {
      return "?";
    }
    String value = new String(h.value(), StandardCharsets.UTF_8);
    return value.length() > 100 ? value.substring(0, 100) + "…" : value;
  }
}
