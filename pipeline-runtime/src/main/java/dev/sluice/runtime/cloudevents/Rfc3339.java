package dev.sluice.runtime.cloudevents;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * RFC 3339 timestamps as CloudEvents carry them in {@code time} ({@code 2001-01-14T21:05:00Z},
 * {@code …:00.123+02:00}). The section 5.6 {@code date-time} shape is read by position and checked
 * by {@link LocalDateTime#of} and {@link ZoneOffset#ofHoursMinutes}: the collector checks and the
 * batch loader reads one per event, and {@code DateTimeFormatter} was a quarter of a batch flush's
 * time in its profile.
 */
public final class Rfc3339 {
  private Rfc3339() {}

  /**
   * Reads a timestamp leniently: the RFC 3339 shape by position, any other shape through {@link
   * OffsetDateTime#parse} (ISO 8601, e.g. without seconds), which decides.
   *
   * @throws DateTimeException when {@code text} is neither
   */
  public static Instant parse(String text) {
    Instant fast = dateTime(text);
    return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
  }

  /**
   * Reads an RFC 3339 section 5.6 {@code date-time} and nothing else: seconds and an offset ({@code
   * Z} or {@code ±hh:mm}) required, {@code T}/{@code Z} in either case, ASCII digits, any number of
   * fraction digits (nanoseconds kept), offsets within ±18:00.
   *
   * @throws DateTimeException when {@code text} is not such a timestamp or names no real instant
   *     (month 13, February 30, hour 25)
   */
  public static Instant parseStrict(String text) {
    Instant fast = dateTime(text);
    if (fast == null) {
      throw new DateTimeException("'" + text + "' is not an RFC 3339 date-time");
    }
    return fast;
  }

  /** The instant when {@code text} has the date-time shape, null when it has another shape. */
  private static Instant dateTime(String text) {
    int n = text.length();
    if (n < 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || (text.charAt(10) != 'T' && text.charAt(10) != 't')
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int i = 19;
    int nanos = 0;
    if (text.charAt(i) == '.') {
      int digits = 0;
      for (i++; i < n && isDigit(text.charAt(i)); i++, digits++) {
        if (digits < 9) {
          nanos = nanos * 10 + (text.charAt(i) - '0');
        }
      }
      if (digits == 0) {
        return null;
      }
      for (int d = Math.min(digits, 9); d < 9; d++) {
        nanos *= 10;
      }
    }
    ZoneOffset offset;
    if (i == n - 1 && (text.charAt(i) == 'Z' || text.charAt(i) == 'z')) {
      offset = ZoneOffset.UTC;
    } else if (i == n - 6
        && (text.charAt(i) == '+' || text.charAt(i) == '-')
        && text.charAt(i + 3) == ':') {
      int sign = text.charAt(i) == '-' ? -1 : 1;
      offset =
          ZoneOffset.ofHoursMinutes(
              sign * digits(text, i + 1, i + 3), sign * digits(text, i + 4, i + 6));
    } else {
      return null;
    }
    return LocalDateTime.of(
            digits(text, 0, 4),
            digits(text, 5, 7),
            digits(text, 8, 10),
            digits(text, 11, 13),
            digits(text, 14, 16),
            digits(text, 17, 19),
            nanos)
        .toInstant(offset);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int digits(String text, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        throw new DateTimeException("'" + text + "' is not an RFC 3339 date-time");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
