package dev.sluice.runtime.loader.batch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The common case of {@link BufferedLine#of}, without building a {@code CloudEvent}: a CloudEvents
 * 1.0 record in the Kafka binary binding ({@code ce_<attribute>} headers, {@code content-type} →
 * {@code datacontenttype}) with JSON data becomes its JSON Event Format line straight from the
 * headers and value — attributes and extensions as strings (as they travel), {@code data} copied
 * token by token with Jackson's streaming API, so it is checked to be one JSON value and written on
 * one line. The profile showed the SDK's parse (time attributes through {@code DateTimeFormatter})
 * and re-serialisation to be most of a flush's work.
 *
 * <p>Anything else — structured mode, another spec version, data that is not JSON, an attribute
 * name outside {@code [a-z0-9]} — is left to the CloudEvents SDK ({@link #convert} returns null).
 */
final class BinaryModeLines {
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] DATA_FIELD = ",\"data\":".getBytes(StandardCharsets.US_ASCII);

  private BinaryModeLines() {}

  /**
   * @return the line, or null when the record is not a binary-mode CloudEvents 1.0 record with JSON
   *     data (the SDK decides then)
   * @throws IllegalArgumentException naming the attribute when a required one is missing or
   *     malformed, or when the data is not one JSON value
   */
  static BufferedLine convert(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> attributes = new LinkedHashMap<>();
    String contentType = null;
    for (Header h : record.headers()) {
      String key = h.key();
      if (key.startsWith("ce_")) {
        String name = key.substring(3);
        if (!isAttributeName(name) || h.value() == null) {
          return null;
        }
        attributes.put(name, new String(h.value(), StandardCharsets.UTF_8));
      } else if (key.equalsIgnoreCase("content-type") && h.value() != null) {
        contentType = new String(h.value(), StandardCharsets.UTF_8);
      }
    }
    if (!"1.0".equals(attributes.get("specversion")) || !isJson(contentType)) {
      return null;
    }
    for (String required : new String[] {"id", "source", "type"}) {
      String value = attributes.get(required);
      if (value == null || value.isEmpty()) {
        throw new IllegalArgumentException("attribute " + required + " is missing");
      }
    }
    uri("source", attributes.get("source"));
    if (attributes.containsKey("dataschema")) {
      uri("dataschema", attributes.get("dataschema"));
    }
    Instant time = time(attributes, record.timestamp());
    return new BufferedLine(
        record.offset(),
        attributes.get("type"),
        time.truncatedTo(ChronoUnit.HOURS),
        write(attributes, contentType, record.value()));
  }

  /** Event time: {@code time}, else {@code sluicereceivedat}, else the record timestamp. */
  private static Instant time(Map<String, String> attributes, long recordTimestampMs) {
    String time = attributes.get("time");
    if (time != null) {
      try {
        return Rfc3339.parse(time);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("attribute time '" + time + "' is not RFC 3339");
      }
    }
    String received = attributes.get("sluicereceivedat");
    if (received != null) {
      try {
        return Rfc3339.parse(received);
      } catch (DateTimeException e) {
        // not a timestamp: the record's, as for any event without a time
      }
    }
    return Instant.ofEpochMilli(recordTimestampMs);
  }

  private static byte[] write(Map<String, String> attributes, String contentType, byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + (data == null ? 0 : data.length));
    try (JsonGenerator gen = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      // the object is closed here, not by close(): compact data is appended as it is
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
      gen.writeStartObject();
      for (Map.Entry<String, String> a : attributes.entrySet()) {
        gen.writeStringField(a.getKey(), a.getValue());
      }
      if (contentType != null) {
        gen.writeStringField("datacontenttype", contentType);
      }
      if (data != null && data.length > 0 && oneLine(data)) {
        checkOneValue(data);
        gen.flush();
        out.writeBytes(DATA_FIELD);
        out.writeBytes(data);
        out.write('}');
        return out.toByteArray();
      }
      if (data != null && data.length > 0) {
        // re-encoded token by token, so the event stays on its line
        gen.writeFieldName("data");
        try (JsonParser parser = JSON.createParser(data)) {
          parser.nextToken();
          gen.copyCurrentStructure(parser);
        }
        checkOneValue(data);
      }
      gen.writeEndObject();
    } catch (IOException e) {
      throw new IllegalArgumentException("data is not JSON: " + e.getMessage());
    }
    return out.toByteArray();
  }

  /** Parses {@code data} (without building values) and checks that it is one JSON value. */
  private static void checkOneValue(byte[] data) throws IOException {
    try (JsonParser parser = JSON.createParser(data)) {
      if (parser.nextToken() == null) {
        throw new IllegalArgumentException("data is empty");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("data holds more than one JSON value");
      }
    }
  }

  private static boolean oneLine(byte[] data) {
    for (byte b : data) {
      if (b == '\n' || b == '\r') {
        return false;
      }
    }
    return true;
  }

  /** A CloudEvents attribute name: 1..64 of {@code a-z 0-9}. */
  private static boolean isAttributeName(String name) {
    if (name.isEmpty() || name.length() > 64) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
        return false;
      }
    }
    return true;
  }

  /** As the SDK's JSON format: no content type, {@code application/json} or {@code …+json}. */
  private static boolean isJson(String contentType) {
    if (contentType == null) {
      return true;
    }
    String type = contentType.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT);
    return type.equals("application/json") || type.equals("text/json") || type.endsWith("+json");
  }

  private static void uri(String attribute, String value) {
    try {
      new URI(value);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "attribute " + attribute + " '" + value + "' is not a URI reference");
    }
  }
}
