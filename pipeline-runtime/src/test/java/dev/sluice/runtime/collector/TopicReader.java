package dev.sluice.runtime.collector;

import dev.sluice.runtime.kafka.KafkaClientConfigs;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;

/**
 * Reads a single-partition topic from the start with a real consumer, keeping its position, so a
 * test can take the records each request wrote.
 */
public final class TopicReader implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<ConsumerRecord<byte[], byte[]>> pending = new ArrayList<>();

  public TopicReader(String bootstrapServers, String topic) {
    consumer =
        new KafkaConsumer<>(
            KafkaClientConfigs.consumer(
                bootstrapServers, "it-" + UUID.randomUUID(), "it-reader-" + topic));
    consumer.assign(List.of(new TopicPartition(topic, 0)));
    consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
  }

  /**
   * Takes the next {@code count} records, waiting up to {@code timeout} for them.
   *
   * @throws AssertionError when fewer arrive in time
   */
  public List<ConsumerRecord<byte[], byte[]>> take(int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (pending.size() < count && System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(pending::add);
    }
    if (pending.size() < count) {
      throw new AssertionError(
          "expected " + count + " records within " + timeout + ", got " + pending.size());
    }
    List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>(pending.subList(0, count));
    pending.subList(0, count).clear();
    return taken;
  }

  /** Records that arrived within {@code wait} beyond those taken. */
  public List<ConsumerRecord<byte[], byte[]>> drain(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (System.nanoTime() < deadline) {
      consumer.poll(Duration.ofMillis(200)).forEach(pending::add);
    }
    List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>(pending);
    pending.clear();
    return taken;
  }

  /**
   * Reads until every id in {@code ids} was seen as a {@code ce_id} header or {@code timeout}
   * passed, and returns everything read.
   */
  public List<ConsumerRecord<byte[], byte[]>> drainUntil(
      java.util.Set<String> ids, Duration timeout) {
    java.util.Set<String> missing = new java.util.HashSet<>(ids);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<ConsumerRecord<byte[], byte[]>> all = new ArrayList<>(pending);
    pending.clear();
    all.forEach(r -> missing.remove(header(r, "ce_id")));
    while (!missing.isEmpty() && System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
        all.add(r);
        missing.remove(header(r, "ce_id"));
      }
    }
    return all;
  }

  /** A header's value as UTF-8, or null. */
  public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
