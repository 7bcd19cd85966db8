package dev.sluice.runtime.loader.realtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the field a refused document failed on in the index's error reason, e.g. {@code failed to
 * parse field [data.delay] of type [long]} → {@code /data/delay} (a JSON pointer, RFC 6901, as the
 * {@code sluice.error.field} header holds).
 */
final class RefusalField {
  private static final Pattern FIELD = Pattern.compile("field \\[([^\\]]+)\\]");

  /** The JSON pointer of the field named in {@code reason}, or null when none is named. */
  static String pointer(String reason) {
    if (reason == null) {
      return null;
    }
    Matcher m = FIELD.matcher(reason);
    if (!m.find()) {
      return null;
    }
    return "/" + m.group(1).replace("~", "~0").replace("/", "~1").replace('.', '/');
  }

  private RefusalField() {}
}
