package dev.sluice.runtime.curation;

import dev.sluice.api.v1alpha1.CurationWindow;
import dev.sluice.runtime.config.ConfigException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The event-time window one curation run covers, in UTC: an hour or a day.
 *
 * <p>{@code --window} values: {@code 2001-01-14T21} (that hour), {@code 2001-01-14} (that day),
 * {@code hour} or {@code day} (any case: the last complete hour or day before now — at 10:15, the
 * hour 09:00–10:00, or the day before today), or {@code previous}: the last complete window of the
 * configured length ({@code spec.curation.window}, or a model batch job's {@code batch.window}).
 *
 * @param start first instant of the window
 * @param kind hour or day
 */
public record Window(Instant start, CurationWindow kind) {
  private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH");

  /**
   * @param value the {@code --window} option
   * @param previousKind the window length {@code previous} means
   * @throws ConfigException naming {@code --window} when the value is none of the forms above
   */
  public static Window parse(String value, CurationWindow previousKind, Clock clock) {
    if (value == null || value.equals("previous")) {
      return previous(previousKind, clock);
    }
    if (value.equalsIgnoreCase("hour")) {
      return previous(CurationWindow.Hour, clock);
    }
    if (value.equalsIgnoreCase("day")) {
      return previous(CurationWindow.Day, clock);
    }
    try {
      if (value.length() == 13) {
        return new Window(
            LocalDateTime.parse(value, HOUR).toInstant(ZoneOffset.UTC), CurationWindow.Hour);
      }
      return new Window(
          LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC), CurationWindow.Day);
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          "--window '"
              + value
              + "' is not an hour (2001-01-14T21), a day (2001-01-14), 'hour', 'day' or"
              + " 'previous'");
    }
  }

  private static Window previous(CurationWindow kind, Clock clock) {
    Instant now = clock.instant();
    return kind == CurationWindow.Day
        ? new Window(now.truncatedTo(ChronoUnit.DAYS).minus(1, ChronoUnit.DAYS), kind)
        : new Window(now.truncatedTo(ChronoUnit.HOURS).minus(1, ChronoUnit.HOURS), kind);
  }

  /** The first instant after the window. */
  public Instant end() {
    return start.plus(kind == CurationWindow.Day ? 24 : 1, ChronoUnit.HOURS);
  }

  /** The starts of the window's hours. */
  public List<Instant> hours() {
    List<Instant> hours = new ArrayList<>();
    for (Instant h = start; h.isBefore(end()); h = h.plus(1, ChronoUnit.HOURS)) {
      hours.add(h);
    }
    return hours;
  }

  /** {@code 2001-01-14T21} or {@code 2001-01-14}. */
  public String label() {
    LocalDateTime t = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
    return kind == CurationWindow.Day ? t.toLocalDate().toString() : HOUR.format(t);
  }
}
