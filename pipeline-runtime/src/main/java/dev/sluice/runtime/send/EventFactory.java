package dev.sluice.runtime.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Turns a data record into a CloudEvent in structured JSON (CloudEvents 1.0): {@code data} is the
 * record, {@code id} comes from a field or from the source and record number (so sending the same
 * file again produces the same ids, which curation deduplicates), {@code time} from a field.
 */
public final class EventFactory {
  /**
   * Always writes seconds, which RFC 3339 requires (OffsetDateTime.toString may leave them out).
   */
  private static final DateTimeFormatter RFC_3339 = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private static final List<DateTimeFormatter> LOCAL_FORMATS =
      List.of(
          DateTimeFormatter.ISO_LOCAL_DATE_TIME,
          DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm[:ss]"),
          DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]"));

  private final String type;
  private final String source;
  private final String idField;
  private final String timeField;
  private final String keyField;
  private final ZoneId zone;

  /**
   * @param type the CloudEvents {@code type}, e.g. {@code flight.departed}
   * @param source the CloudEvents {@code source}, e.g. {@code sluice-send/flights-20k.json}
   * @param idField field holding the event id, or null to use {@code <source>#<record number>}
   * @param timeField field holding the event time, or null for no {@code time}
   * @param keyField field whose value becomes the {@code partitionkey} extension, or null
   * @param zone zone of times written without an offset (e.g. UTC)
   */
  public EventFactory(
      String type, String source, String idField, String timeField, String keyField, ZoneId zone) {
    this.type = type;
    this.source = source;
    this.idField = idField;
    this.timeField = timeField;
    this.keyField = keyField;
    this.zone = zone;
  }

  /**
   * @param record the data
   * @param number the record's 1-based position in the file
   * @return the event, structured mode
   * @throws IllegalArgumentException when the id or time field is missing or the time cannot be
   *     read, naming the field and the record number
   */
  public ObjectNode toEvent(ObjectNode record, long number) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.put("specversion", "1.0");
    event.put("id", idField == null ? source + "#" + number : text(record, idField, number));
    event.put("source", source);
    event.put("type", type);
    if (timeField != null) {
      event.put("time", time(text(record, timeField, number), number));
    }
    if (keyField != null) {
      event.put("partitionkey", text(record, keyField, number));
    }
    event.put("datacontenttype", "application/json");
    event.set("data", record);
    return event;
  }

  private String time(String value, long number) {
    try {
      return RFC_3339.format(OffsetDateTime.parse(value));
    } catch (DateTimeParseException notOffset) {
      for (DateTimeFormatter format : LOCAL_FORMATS) {
        try {
          return RFC_3339.format(LocalDateTime.parse(value, format).atZone(zone));
        } catch (DateTimeParseException e) {
          // try the next format
        }
      }
    }
    throw new IllegalArgumentException(
        "record " + number + ": time field " + timeField + " = '" + value + "' is not a date-time");
  }

  private static String text(ObjectNode record, String field, long number) {
    JsonNode value = record.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      throw new IllegalArgumentException("record " + number + " has no value in field " + field);
    }
    return value.asText();
  }
}
