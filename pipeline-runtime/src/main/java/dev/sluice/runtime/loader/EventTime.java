package dev.sluice.runtime.loader;

import io.cloudevents.CloudEvent;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The time the loaders partition an event by: its CloudEvents {@code time}, else the collector's
 * {@code sluicereceivedat} extension, else the Kafka record timestamp.
 */
public final class EventTime {

  public static Instant of(CloudEvent event, long recordTimestampMs) {
    if (event.getTime() != null) {
      return event.getTime().toInstant();
    }
    Object received = event.getExtension("sluicereceivedat");
    if (received instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (received != null) {
      try {
        return OffsetDateTime.parse(received.toString()).toInstant();
      } catch (RuntimeException e) {
        // not a timestamp: fall through to the record's
      }
    }
    return Instant.ofEpochMilli(recordTimestampMs);
  }

  private EventTime() {}
}
