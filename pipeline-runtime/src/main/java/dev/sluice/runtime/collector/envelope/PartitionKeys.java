package dev.sluice.runtime.collector.envelope;

import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Kafka record key of an event: the {@code partitionkey} extension (CloudEvents "Partitioning"
 * extension), else {@code subject}, else {@code id}; UTF-8 bytes.
 */
public final class PartitionKeys {

  /** The key of a built event. */
  public static byte[] of(CloudEvent event) {
    Object partitionKey = event.getExtension("partitionkey");
    String key =
        partitionKey != null
            ? partitionKey.toString()
            : event.getSubject() != null ? event.getSubject() : event.getId();
    return key.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The key of an event that could not be built (for its dead-letter record), from whatever
   * attributes are strings.
   *
   * @return the key, or null when none of the attributes is there
   */
  public static byte[] of(Map<String, ?> attributes) {
    for (String name : new String[] {"partitionkey", "subject", "id"}) {
      if (attributes.get(name) instanceof String s && !s.isEmpty()) {
        return s.getBytes(StandardCharsets.UTF_8);
      }
    }
    return null;
  }

  private PartitionKeys() {}
}
