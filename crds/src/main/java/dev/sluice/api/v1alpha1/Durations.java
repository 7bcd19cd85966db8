package dev.sluice.api.v1alpha1;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations of the API ({@link SluiceApi#DURATION_PATTERN}: 500ms, 30s, 1h30m, 7d). */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile(SluiceApi.DURATION_PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

  /**
   * @param text a duration such as {@code 15m} or {@code 1h30m}
   * @return the duration
   * @throws IllegalArgumentException when {@code text} is null or not of that form, naming it
   */
  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a duration such as 500ms, 30s, 15m, 1h30m or 7d");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
    }
    return total;
  }

  private Durations() {}
}
