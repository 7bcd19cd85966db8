package dev.sluice.runtime.contracts;

import io.cloudevents.CloudEvent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract version an event declares, by this convention (first match wins):
 *
 * <ol>
 *   <li>the extension attribute {@code sluiceschemaversion}: a positive integer, e.g. {@code 2};
 *   <li>the {@code dataschema} URI's query parameter {@code version}, e.g. {@code
 *       https://schemas.example.com/flight-departed?version=2};
 *   <li>the {@code dataschema} URI's last path segment {@code v<N>}, e.g. {@code
 *       https://schemas.example.com/flight-departed/v2}.
 * </ol>
 *
 * An event that declares none is validated against the contract's accepted version.
 */
public final class DeclaredSchemaVersion {
  /** The extension attribute that declares a version. */
  public static final String EXTENSION = "sluiceschemaversion";

  private static final Pattern QUERY = Pattern.compile("(?:^|&)version=([0-9]{1,9})(?:&|$)");
  private static final Pattern PATH = Pattern.compile("/v([0-9]{1,9})/?$");
  private static final Pattern NUMBER = Pattern.compile("[0-9]{1,9}");

  /**
   * @return the declared version, or empty when the event declares none
   * @throws IllegalArgumentException when {@code sluiceschemaversion} is not a positive integer
   */
  public static OptionalInt of(CloudEvent event) {
    return of(event.getExtension(EXTENSION), event.getDataSchema());
  }

  /**
   * The version declared by the attributes of an event that was not built (the collector's view).
   *
   * @param attributes context attributes by name; values as received
   * @return the declared version, or empty when none is declared
   * @throws IllegalArgumentException when {@code sluiceschemaversion} is not a positive integer or
   *     {@code dataschema} is not a URI
   */
  public static OptionalInt of(Map<String, ?> attributes) {
    Object schema = attributes.get("dataschema");
    try {
      return of(attributes.get(EXTENSION), schema == null ? null : new URI(schema.toString()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("dataschema is not a URI: " + e.getReason(), e);
    }
  }

  private static OptionalInt of(Object extension, URI schema) {
    if (extension != null) {
      String text = extension.toString().trim();
      if (!NUMBER.matcher(text).matches() || Integer.parseInt(text) < 1) {
        throw new IllegalArgumentException(
            EXTENSION + " '" + abbreviate(text) + "' is not a positive integer");
      }
      return OptionalInt.of(Integer.parseInt(text));
    }
    if (schema == null) {
      return OptionalInt.empty();
    }
    if (schema.getRawQuery() != null) {
      Matcher q = QUERY.matcher(schema.getRawQuery());
      if (q.find()) {
        return OptionalInt.of(Integer.parseInt(q.group(1)));
      }
    }
    Matcher p = PATH.matcher(schema.getRawPath() == null ? "" : schema.getRawPath());
    return p.find() ? OptionalInt.of(Integer.parseInt(p.group(1))) : OptionalInt.empty();
  }

  private static String abbreviate(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }

  private DeclaredSchemaVersion() {}
}
