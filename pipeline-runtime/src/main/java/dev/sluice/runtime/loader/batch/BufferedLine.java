package dev.sluice.runtime.loader.batch;

import dev.sluice.runtime.loader.EventTime;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One consumed record as the batch loader buffers it: its offset, the object group it belongs to
 * (event type and hour of event time) and its line — the event in CloudEvents structured JSON (JSON
 * Event Format 1.0, {@code data} inline when it is JSON).
 *
 * @param offset the record's offset
 * @param type the event's {@code type}
 * @param hour the event time truncated to the hour (UTC)
 * @param json the structured-mode event, without the newline
 */
record BufferedLine(long offset, String type, Instant hour, byte[] json) {
  private static final EventFormat FORMAT = new JsonFormat();

  /**
   * @param binaryMode the calling thread's converter of the common case
   * @throws CloudEventRWException when the record is not a CloudEvent in the Kafka binary binding
   * @throws IllegalArgumentException when an attribute is malformed or JSON data is not JSON
   */
  static BufferedLine of(ConsumerRecord<byte[], byte[]> record, BinaryModeLines binaryMode) {
    BufferedLine line = binaryMode.convert(record);
    if (line != null) {
      return line;
    }
    CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
    Instant hour = EventTime.of(event, record.timestamp()).truncatedTo(ChronoUnit.HOURS);
    return new BufferedLine(record.offset(), event.getType(), hour, FORMAT.serialize(event));
  }

  /** The group (event type and hour) this line is written with. */
  Group group() {
    return new Group(type, hour);
  }

  /**
   * One object of a flush.
   *
   * @param type event type
   * @param hour hour of event time
   */
  record Group(String type, Instant hour) {}
}
