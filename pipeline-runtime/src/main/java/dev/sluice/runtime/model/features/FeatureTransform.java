package dev.sluice.runtime.model.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;

/**
 * How one model feature is computed from one field of an event's {@code data}: the closed set a
 * model's {@code metadata.json} may name. Training and serving use the same code, so a model sees
 * the same numbers in both.
 */
public enum FeatureTransform {
  /** The field is a number, or a string holding one (lookup-table columns arrive as strings). */
  number,
  /** Hour of the day, 0..23, of a local date-time field. */
  hourOfDay,
  /** Minutes since midnight divided by 60, 0 ≤ x < 24, of a local date-time field. */
  fractionalHour,
  /** ISO day of the week, 1 (Monday) .. 7 (Sunday), of a local date-time field. */
  dayOfWeek;

  /**
   * Date-times as the flights data carries them: {@code 2001/01/01 00:47} (JSON files), {@code
   * 2001-01-01T00:47:00} or {@code 2001-01-01 00:47} (Parquet, ISO).
   */
  private static final DateTimeFormatter DATE_TIME =
      new DateTimeFormatterBuilder()
          .appendPattern("yyyy[/][-]MM[/][-]dd[' ']['T']HH:mm[:ss]")
          .toFormatter();

  /**
   * @param value the field's value (never null: absence is reported by the caller)
   * @return the feature value
   * @throws IllegalArgumentException naming what was expected when the value does not fit
   */
  public double apply(JsonNode value) {
    return switch (this) {
      case number -> number(value);
      case hourOfDay -> dateTime(value).getHour();
      case fractionalHour -> dateTime(value).getHour() + dateTime(value).getMinute() / 60.0;
      case dayOfWeek -> dateTime(value).getDayOfWeek().getValue();
    };
  }

  private static double number(JsonNode value) {
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isTextual()) {
      try {
        double d = Double.parseDouble(value.textValue().trim());
        if (Double.isFinite(d)) {
          return d;
        }
      } catch (NumberFormatException e) {
        // reported below with the expected shape
      }
    }
    throw new IllegalArgumentException("expected a number, got " + abbreviate(value));
  }

  private static LocalDateTime dateTime(JsonNode value) {
    if (value.isTextual()) {
      try {
        return LocalDateTime.parse(value.textValue().trim(), DATE_TIME);
      } catch (DateTimeParseException e) {
        // reported below with the expected shape
      }
    }
    throw new IllegalArgumentException(
        "expected a date-time such as 2001/01/01 00:47 or 2001-01-01T00:47:00, got "
            + abbreviate(value));
  }

  private static String abbreviate(JsonNode value) {
    String s = value.toString();
    return s.length() > 40 ? s.substring(0, 40) + "…" : s;
  }
}
