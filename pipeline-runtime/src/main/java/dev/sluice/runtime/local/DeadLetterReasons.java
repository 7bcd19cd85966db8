package dev.sluice.runtime.local;

import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

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
    TopicScan.read(
        bootstrapServers,
        topics,
        MAX_RECORDS * (long) topics.size(),
        r ->
            counts.merge(
                header(r, DeadLetterHeaders.CLASS) + ": " + header(r, DeadLetterHeaders.MESSAGE),
                1L,
                Long::sum));
    Map<String, Long> sorted = new LinkedHashMap<>();
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(e -> sorted.put(e.getKey(), e.getValue()));
    return sorted;
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
