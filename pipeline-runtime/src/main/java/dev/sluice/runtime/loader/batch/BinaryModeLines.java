package dev.sluice.runtime.loader.batch;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.sluice.runtime.cloudevents.Rfc3339;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The common case of {@link BufferedLine#of}, without building a {@code CloudEvent}: a CloudEvents
 * 1.0 record in the Kafka binary binding ({@code ce_<attribute>} headers, {@code content-type} →
 * {@code datacontenttype}) with JSON data becomes its JSON Event Format line straight from the
 * headers and value — attributes and extensions as strings (as they travel), in header order, a
 * repeated header at its first place with its last value; {@code data} checked with Jackson's
 * streaming API to be one JSON value and copied as it is (re-encoded token by token only when it
 * spans lines). The profile showed the SDK's parse (time attributes through {@code
 * DateTimeFormatter}) and re-serialisation to be most of a flush's work.
 *
 * <p>Header values are UTF-8. ASCII values, the usual case, are escaped straight from their bytes;
 * others are decoded first as {@code new String(value, UTF_8)} does, each malformed sequence
 * becoming U+FFFD, so a line is always valid UTF-8.
 *
 * <p>Anything else — structured mode, another spec version, data that is not JSON, an attribute
 * name outside {@code [a-z0-9]} — is left to the CloudEvents SDK ({@link #convert} returns null).
 *
 * <p>Not thread-safe: an instance reuses one generator and buffer for all its lines and remembers
 * recent {@code type}, {@code source} and {@code dataschema} values, so each converting thread owns
 * one (the consumer thread's {@link BatchHandler}).
 */
final class BinaryModeLines {
  /** Root values (one line each) follow each other without a separator. */
  private static final JsonFactory JSON =
      new JsonFactoryBuilder().rootValueSeparator((String) null).build();

  private static final SerializedString DATACONTENTTYPE = new SerializedString("datacontenttype");
  private static final SerializedString DATA = new SerializedString("data");
  private static final byte[] SPECVERSION_1_0 = "1.0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] APPLICATION_JSON =
      "application/json".getBytes(StandardCharsets.US_ASCII);

  /** Attribute names remembered before the memo is cleared (a name is at most 64 bytes). */
  private static final int MAX_NAMES = 256;

  /** Distinct values remembered per kind: a topic's types and sources are usually a handful. */
  private static final int RECENT_VALUES = 8;

  /** What the conversion reads an attribute as, besides writing it. */
  private enum Role {
    SPECVERSION("specversion"),
    ID("id"),
    SOURCE("source"),
    TYPE("type"),
    TIME("time"),
    DATASCHEMA("dataschema"),
    RECEIVED_AT("sluicereceivedat"),
    OTHER(null);

    final String attribute;

    Role(String attribute) {
      this.attribute = attribute;
    }

    static Role of(String attribute) {
      for (Role r : values()) {
        if (attribute.equals(r.attribute)) {
          return r;
        }
      }
      return OTHER;
    }
  }

  /**
   * A {@code ce_} header's attribute.
   *
   * @param field its name, as the line's field name
   * @param role what it is read as
   */
  private record Attribute(SerializedString field, Role role) {}

  private static final Role[] REQUIRED = {Role.ID, Role.SOURCE, Role.TYPE};

  private final Map<String, Attribute> names = new HashMap<>();
  private final RecentValues types = new RecentValues(RECENT_VALUES);
  private final RecentValues uris = new RecentValues(RECENT_VALUES);
  private final LineBuffer buffer = new LineBuffer();
  private final JsonGenerator generator;

  // the current record's attributes, in header order; its values by role (null when absent)
  private Attribute[] attributes = new Attribute[16];
  private byte[][] values = new byte[16][];
  private int count;
  private final byte[][] byRole = new byte[Role.values().length][];

  BinaryModeLines() {
    try {
      generator = JSON.createGenerator(buffer, JsonEncoding.UTF8);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory stream: not expected
    }
  }

  /**
   * @return the line, or null when the record is not a binary-mode CloudEvents 1.0 record with JSON
   *     data (the SDK decides then)
   * @throws IllegalArgumentException naming the attribute when a required one is missing or
   *     malformed, or when the data is not one JSON value
   */
  BufferedLine convert(ConsumerRecord<byte[], byte[]> record) {
    if (names.size() > MAX_NAMES) {
      names.clear(); // between records: a record's attributes stay the same instances throughout
    }
    count = 0;
    Arrays.fill(byRole, null);
    byte[] contentType = null;
    for (Header h : record.headers()) {
      String key = h.key();
      if (key.startsWith("ce_")) {
        Attribute a = attribute(key);
        byte[] value = h.value();
        if (a == null || value == null) {
          return null;
        }
        add(a, value);
      } else if (key.equalsIgnoreCase("content-type") && h.value() != null) {
        contentType = h.value();
      }
    }
    if (!Arrays.equals(SPECVERSION_1_0, byRole[Role.SPECVERSION.ordinal()])
        || !isJson(contentType)) {
      return null;
    }
    for (Role required : REQUIRED) {
      byte[] value = byRole[required.ordinal()];
      if (value == null || value.length == 0) {
        throw new IllegalArgumentException("attribute " + required.attribute + " is missing");
      }
    }
    uri(Role.SOURCE);
    if (byRole[Role.DATASCHEMA.ordinal()] != null) {
      uri(Role.DATASCHEMA);
    }
    Instant time = time(record.timestamp());
    return new BufferedLine(
        record.offset(),
        types.decode(byRole[Role.TYPE.ordinal()]),
        time.truncatedTo(ChronoUnit.HOURS),
        write(contentType, record.value()));
  }

  /** The attribute of a {@code ce_} header, or null when its name is not an attribute name. */
  private Attribute attribute(String key) {
    Attribute a = names.get(key);
    if (a == null) {
      String name = key.substring(3);
      if (!isAttributeName(name)) {
        return null;
      }
      a = new Attribute(new SerializedString(name), Role.of(name));
      names.put(key, a);
    }
    return a;
  }

  /** Adds an attribute's value; a repeated attribute keeps its place and takes the new value. */
  private void add(Attribute a, byte[] value) {
    if (a.role() != Role.OTHER) {
      byRole[a.role().ordinal()] = value;
    }
    for (int i = 0; i < count; i++) {
      if (attributes[i] == a) {
        values[i] = value;
        return;
      }
    }
    if (count == attributes.length) {
      attributes = Arrays.copyOf(attributes, count * 2);
      values = Arrays.copyOf(values, count * 2);
    }
    attributes[count] = a;
    values[count++] = value;
  }

  /** Event time: {@code time}, else {@code sluicereceivedat}, else the record timestamp. */
  private Instant time(long recordTimestampMs) {
    byte[] time = byRole[Role.TIME.ordinal()];
    if (time != null) {
      String text = new String(time, StandardCharsets.UTF_8);
      try {
        return Rfc3339.parse(text);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("attribute time '" + text + "' is not RFC 3339");
      }
    }
    byte[] received = byRole[Role.RECEIVED_AT.ordinal()];
    if (received != null) {
      try {
        return Rfc3339.parse(new String(received, StandardCharsets.UTF_8));
      } catch (DateTimeException e) {
        // not a timestamp: the record's, as for any event without a time
      }
    }
    return Instant.ofEpochMilli(recordTimestampMs);
  }

  /**
   * The line: the attributes through the reused generator, then the data spliced in as checked (or
   * re-encoded), so it is copied once, straight into the line.
   */
  private byte[] write(byte[] contentType, byte[] data) {
    byte[] json;
    try {
      // before any output: a refused record leaves the generator between lines
      json = data == null || data.length == 0 ? null : onOneLine(data);
    } catch (IOException e) {
      throw new IllegalArgumentException("data is not JSON: " + e.getMessage());
    }
    try {
      buffer.reset();
      generator.writeStartObject();
      for (int i = 0; i < count; i++) {
        generator.writeFieldName(attributes[i].field());
        writeString(values[i]);
      }
      if (contentType != null) {
        generator.writeFieldName(DATACONTENTTYPE);
        writeString(contentType);
      }
      if (json != null) {
        generator.writeFieldName(DATA);
        generator.writeRawValue(""); // the value's place, after its ':': json goes there
      }
      generator.writeEndObject();
      generator.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // an in-memory stream: not expected
    }
    return json == null ? buffer.toByteArray() : buffer.beforeLastByte(json);
  }

  private void writeString(byte[] value) throws IOException {
    if (isAscii(value)) {
      generator.writeUTF8String(value, 0, value.length);
    } else {
      generator.writeString(new String(value, StandardCharsets.UTF_8));
    }
  }

  /**
   * {@code data} checked to be one JSON value: as it is when it is on one line, else re-encoded
   * onto one. The check's parse tells whether it crossed a line break (JSON strings cannot hold a
   * raw one), so the usual one-line data is read once.
   */
  private static byte[] onOneLine(byte[] data) throws IOException {
    try {
      if (checkOneValue(data)) {
        return data;
      }
    } catch (IOException | IllegalArgumentException e) {
      if (oneLine(data)) {
        throw e;
      }
      // data spanning lines is refused by its copy below, with the copy's error as always
    }
    return oneLineCopy(data);
  }

  /** {@code data} re-encoded token by token, so the event stays on its line. */
  private static byte[] oneLineCopy(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
    try (JsonParser parser = JSON.createParser(data);
        JsonGenerator copy = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      parser.nextToken();
      copy.copyCurrentStructure(parser);
    }
    checkOneValue(data);
    return out.toByteArray();
  }

  /**
   * Parses {@code data} (without building values) and checks that it is one JSON value.
   *
   * @return whether it is on one line (no CR or LF, which the parser counts, up to its end)
   */
  private static boolean checkOneValue(byte[] data) throws IOException {
    try (JsonParser parser = JSON.createParser(data)) {
      if (parser.nextToken() == null) {
        throw new IllegalArgumentException("data is empty");
      }
      parser.skipChildren();
      if (parser.nextToken() != null) {
        throw new IllegalArgumentException("data holds more than one JSON value");
      }
      return parser.currentLocation().getLineNr() == 1;
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

  private static boolean isAscii(byte[] value) {
    for (byte b : value) {
      if (b < 0) {
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
  private static boolean isJson(byte[] contentType) {
    if (contentType == null || Arrays.equals(contentType, APPLICATION_JSON)) {
      return true;
    }
    String type =
        new String(contentType, StandardCharsets.UTF_8)
            .split(";", 2)[0]
            .trim()
            .toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.equals("text/json") || type.endsWith("+json");
  }

  /** Checks a URI-reference attribute; only values that passed are remembered. */
  private void uri(Role role) {
    byte[] value = byRole[role.ordinal()];
    if (uris.find(value) != null) {
      return;
    }
    String text = new String(value, StandardCharsets.UTF_8);
    try {
      new URI(text);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "attribute " + role.attribute + " '" + text + "' is not a URI reference");
    }
    uris.remember(value, text);
  }

  /** The generator's target: reset per line; the data goes in as the line is copied out. */
  private static final class LineBuffer extends ByteArrayOutputStream {
    LineBuffer() {
      super(1024);
    }

    /** A copy of the buffer with {@code insert} before its last byte. */
    byte[] beforeLastByte(byte[] insert) {
      byte[] line = Arrays.copyOf(buf, count + insert.length);
      System.arraycopy(insert, 0, line, count - 1, insert.length);
      line[line.length - 1] = buf[count - 1];
      return line;
    }
  }
}
