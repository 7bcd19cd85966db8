package dev.sluice.runtime.local;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.header.Header;

/** The distinct CloudEvents ids ({@code ce_id} headers, binary mode) of a topic. */
final class TopicIds {
  private TopicIds() {}

  /**
   * Reads a topic from the beginning to its current end, without a consumer group.
   *
   * @param bootstrapServers the cluster
   * @param topic the topic
   * @return the distinct ids (held in memory: meant for sample-sized topics)
   */
  static Set<String> distinct(String bootstrapServers, String topic) {
    Set<String> ids = new HashSet<>();
    TopicScan.read(
        bootstrapServers,
        List.of(topic),
        Long.MAX_VALUE,
        r -> {
          Header id = r.headers().lastHeader("ce_id");
          if (id != null) {
            ids.add(new String(id.value(), StandardCharsets.UTF_8));
          }
        });
    return ids;
  }
}
