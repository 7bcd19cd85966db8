package dev.sluice.runtime.loader.batch;

import dev.sluice.api.v1alpha1.BatchFormat;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * The keys of the batch loader's objects (shared with curation, which reads them):
 *
 * <pre>
 * &lt;prefix&gt;/type=&lt;event type&gt;/dt=YYYY-MM-DD/hr=HH/&lt;topic&gt;-&lt;partition&gt;-&lt;firstOffset&gt;-&lt;lastOffset&gt;.jsonl.gz
 * </pre>
 *
 * with the date and hour of the event time in UTC, and first/last the offsets of the flushed
 * partition buffer (every object of one flush carries the same pair). The event type is
 * percent-encoded except for {@code A-Z a-z 0-9 . _ -} (as Hive escapes partition values).
 */
public record ObjectLayout(String prefix) {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter HOUR =
      DateTimeFormatter.ofPattern("HH").withZone(ZoneOffset.UTC);

  /** The directory of one event type and hour: {@code <prefix>/type=<t>/dt=<d>/hr=<h>/}. */
  public String hourDirectory(String eventType, Instant time) {
    return prefix
        + "/type="
        + encodeType(eventType)
        + "/dt="
        + DAY.format(time)
        + "/hr="
        + HOUR.format(time.truncatedTo(ChronoUnit.HOURS))
        + "/";
  }

  /** The full key of an object. */
  public String key(
      String eventType,
      Instant time,
      String topic,
      int partition,
      long first,
      long last,
      BatchFormat format) {
    return objectPrefix(eventType, time, topic, partition, first) + last + extension(format);
  }

  /** Every key of objects of that hour that start at {@code first} begins with this. */
  public String objectPrefix(
      String eventType, Instant time, String topic, int partition, long first) {
    return hourDirectory(eventType, time) + topic + "-" + partition + "-" + first + "-";
  }

  /**
   * The last offset in a key found under {@link #objectPrefix}, or -1 when the rest of the key is
   * not {@code <digits>.<extension>}.
   */
  public static long lastOffset(String key, String objectPrefix) {
    String rest = key.substring(objectPrefix.length());
    int dot = rest.indexOf('.');
    if (dot <= 0 || !rest.substring(0, dot).chars().allMatch(Character::isDigit)) {
      return -1;
    }
    return Long.parseLong(rest.substring(0, dot));
  }

  /**
   * Whether {@code key} names an object that a reader of {@code format} can read: Parquet for
   * Parquet; either JSON Lines compression for the JSON Lines formats, so switching between them
   * leaves the older objects of a window readable.
   */
  public static boolean readableAs(BatchFormat format, String key) {
    return format == BatchFormat.PARQUET
        ? key.endsWith(extension(BatchFormat.PARQUET))
        : key.endsWith(extension(BatchFormat.JSONL_GZ))
            || key.endsWith(extension(BatchFormat.JSONL_ZST));
  }

  /** The object name's extension of a format, with its leading dot: {@code .jsonl.gz}. */
  public static String extension(BatchFormat format) {
    return switch (format) {
      case JSONL_GZ -> ".jsonl.gz";
      case JSONL_ZST -> ".jsonl.zst";
      case PARQUET -> ".parquet";
    };
  }

  /** The event type as it appears after {@code type=}. */
  public static String encodeType(String eventType) {
    StringBuilder out = new StringBuilder();
    for (byte b : eventType.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '.'
          || c == '_'
          || c == '-') {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
