package dev.sluice.runtime.testing;

import dev.sluice.runtime.kafka.KafkaClientConfigs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads every record of a topic, e.g. a dead-letter topic a test expects records in. */
public final class TopicRecords {

  /** Reads from the beginning until {@code expected} records arrived or 60 s passed. */
  public static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrap, String topic, int expected) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(
            KafkaClientConfigs.consumer(bootstrap, "reader-" + UUID.randomUUID(), "reader"))) {
      consumer.subscribe(List.of(topic));
      Instant deadline = Instant.now().plusSeconds(60);
      while (out.size() < expected && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // one more short poll so a test also sees records beyond what it expected
      consumer.poll(Duration.ofMillis(500)).forEach(out::add);
    }
    return out;
  }

  private TopicRecords() {}
}
