package dev.sluice.runtime.loader.batch;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses RFC 3339 timestamps as CloudEvents carry them ({@code 2001-01-14T21:05:00Z}, {@code
 * …:00.123+02:00}). The usual shape is read by position and checked by {@link LocalDateTime#of} and
 * {@link ZoneOffset#ofHoursMinutes} — a flush parses one per event, and {@code DateTimeFormatter}
 * was a quarter of a flush's time in the profile; any other shape goes to {@link
 * OffsetDateTime#parse}, which decides.
 */
final class Rfc3339 {
  private Rfc3339() {}

  /**
   * @throws java.time.DateTimeException when {@code text} is not an RFC 3339 date-time
   */
  static Instant parse(String text) {
    int n = text.length();
    if (n < 20
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || (text.charAt(10) != 'T' && text.charAt(10) != 't')
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return OffsetDateTime.parse(text).toInstant();
    }
    int i = 19;
    int nanos = 0;
    if (text.charAt(i) == '.') {
      int digits = 0;
      for (i++; i < n && Character.isDigit(text.charAt(i)); i++, digits++) {
        if (digits < 9) {
          nanos = nanos * 10 + (text.charAt(i) - '0');
        }
      }
      if (digits == 0) {
        return OffsetDateTime.parse(text).toInstant();
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
      return OffsetDateTime.parse(text).toInstant();
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

  private static int digits(String text, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        throw new java.time.DateTimeException("'" + text + "' is not an RFC 3339 date-time");
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
