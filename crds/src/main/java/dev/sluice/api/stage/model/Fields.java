package dev.sluice.api.stage.model;

import java.net.URI;
import java.util.regex.Pattern;

/** Checks of configuration fields whose failures name the field by its full path. */
final class Fields {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

  private final String prefix;

  Fields(String prefix) {
    this.prefix = prefix;
  }

  /** Checks of the fields of a nested object, e.g. {@code server.}. */
  Fields nested(String path) {
    return new Fields(prefix + path);
  }

  void require(boolean ok, String field, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(prefix + field + " " + problem);
    }
  }

  void name(String field, String value) {
    require(value != null, field, "is required");
    require(NAME.matcher(value).matches(), field, "'" + value + "' is not a valid name");
  }

  void topic(String field, String value) {
    require(value != null, field, "is required");
    require(TOPIC.matcher(value).matches(), field, "'" + value + "' is not a valid topic name");
  }

  void range(String field, long value, long min, long max) {
    require(value >= min && value <= max, field, "is " + value + ", expected " + min + ".." + max);
  }

  void httpUrl(String field, String value) {
    require(value != null, field, "is required");
    URI uri;
    try {
      uri = URI.create(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(prefix + field + " '" + value + "' is not a URL");
    }
    require(
        ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
            && uri.getHost() != null,
        field,
        "'" + value + "' is not an http(s) URL with a host");
  }
}
