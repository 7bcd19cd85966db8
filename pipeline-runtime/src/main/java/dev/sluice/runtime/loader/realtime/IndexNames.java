package dev.sluice.runtime.loader.realtime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Index names of a pipeline: {@code <prefix>-yyyy.MM.dd} for events and {@code
 * <prefix>-dlq-yyyy.MM.dd} for dead letters, by event time in UTC.
 */
record IndexNames(String prefix) {
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("yyyy.MM.dd").withZone(ZoneOffset.UTC);

  String events(Instant time) {
    return prefix + "-" + DAY.format(time);
  }

  String deadLetters(Instant time) {
    return prefix + "-dlq-" + DAY.format(time);
  }

  /** The pattern of the event indices' template (also matches dead letters; see priority). */
  String eventsPattern() {
    return prefix + "-*";
  }

  String deadLettersPattern() {
    return prefix + "-dlq-*";
  }
}
