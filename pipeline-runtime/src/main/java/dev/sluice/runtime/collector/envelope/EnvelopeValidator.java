package dev.sluice.runtime.collector.envelope;

import dev.sluice.runtime.cloudevents.Rfc3339;
import dev.sluice.runtime.collector.contracts.PipelineContract;
import dev.sluice.runtime.contracts.DeclaredSchemaVersion;
import dev.sluice.runtime.deadletter.ErrorClass;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The collector's top-level checks of a CloudEvent (CloudEvents 1.0, section "Context Attributes"),
 * before the CloudEvents SDK builds the event: required {@code id}, {@code source} (a
 * URI-reference), {@code specversion} ({@code 1.0}) and {@code type} as non-empty strings, {@code
 * time} as an RFC 3339 timestamp, extension names of lower-case letters and digits, the event's
 * size, and a {@code type} one of the pipeline's contracts governs. The {@code data} is not checked
 * here; the enricher validates it against the contract's schema. A rejection names the contract
 * that governs the event's {@code type} when there is one (for the dead-letter headers).
 */
public final class EnvelopeValidator {
  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[a-z0-9]{1,20}");
  private static final Set<String> REQUIRED = Set.of("id", "source", "specversion", "type");

  private final int maxEventBytes;
  private final Function<String, Optional<PipelineContract>> contracts;

  /**
   * @param maxEventBytes largest accepted event, in bytes
   * @param contracts the contract of the pipeline that governs a {@code type}, if any
   */
  public EnvelopeValidator(
      int maxEventBytes, Function<String, Optional<PipelineContract>> contracts) {
    this.maxEventBytes = maxEventBytes;
    this.contracts = contracts;
  }

  /**
   * Checks one event.
   *
   * @param attributes context attributes by name (without {@code data}/{@code data_base64}); a
   *     value is a {@link String} when the event carried a string, any other object otherwise
   * @param eventBytes the event's size as received, in bytes
   * @return the first problem found (with its contract, see {@link #withContract}), or empty when
   *     the envelope is valid
   */
  public Optional<Rejection> check(Map<String, ?> attributes, long eventBytes) {
    return firstProblem(attributes, eventBytes).map(r -> withContract(r, attributes));
  }

  /**
   * {@code rejection} naming the contract that governs the event's {@code type}, in the version the
   * event declares ({@code sluiceschemaversion} or {@code dataschema}), else the contract's
   * accepted version; unchanged when no contract governs the type.
   */
  public Rejection withContract(Rejection rejection, Map<String, ?> attributes) {
    if (!(attributes.get("type") instanceof String type)) {
      return rejection;
    }
    return contracts
        .apply(type)
        .map(c -> rejection.withContract(c.name(), version(c, attributes)))
        .orElse(rejection);
  }

  private static Integer version(PipelineContract contract, Map<String, ?> attributes) {
    try {
      return DeclaredSchemaVersion.of(attributes).orElse(contract.acceptedVersion());
    } catch (IllegalArgumentException e) {
      // A malformed declaration names no version; the enricher would refuse it as UnknownType.
      return null;
    }
  }

  private Optional<Rejection> firstProblem(Map<String, ?> attributes, long eventBytes) {
    if (eventBytes > maxEventBytes) {
      return Optional.of(
          new Rejection(
              ErrorClass.SizeViolation,
              null,
              "event is " + eventBytes + " bytes, more than the limit of " + maxEventBytes));
    }
    for (String name : new String[] {"specversion", "id", "source", "type"}) {
      Object value = attributes.get(name);
      if (value == null) {
        return invalid(name, "required attribute '" + name + "' is missing");
      }
      if (!(value instanceof String s) || s.isEmpty()) {
        return invalid(name, "attribute '" + name + "' must be a non-empty string");
      }
    }
    if (!"1.0".equals(attributes.get("specversion"))) {
      return invalid(
          "specversion",
          "attribute 'specversion' is '" + attributes.get("specversion") + "'; expected '1.0'");
    }
    try {
      new URI((String) attributes.get("source"));
    } catch (URISyntaxException e) {
      return invalid("source", "attribute 'source' is not a URI-reference: " + e.getReason());
    }
    Optional<Rejection> time = checkTime(attributes.get("time"));
    if (time.isPresent()) {
      return time;
    }
    for (String name : attributes.keySet()) {
      if (!REQUIRED.contains(name) && !ATTRIBUTE_NAME.matcher(name).matches()) {
        return invalid(
            name, "attribute name '" + name + "' must be 1-20 lower-case letters or digits");
      }
    }
    String type = (String) attributes.get("type");
    if (contracts.apply(type).isEmpty()) {
      return Optional.of(
          Rejection.attribute(
              ErrorClass.UnknownType,
              "type",
              "no contract of this pipeline governs event type '" + type + "'"));
    }
    return Optional.empty();
  }

  private static Optional<Rejection> checkTime(Object time) {
    if (time == null) {
      return Optional.empty();
    }
    if (!(time instanceof String s)) {
      return invalid("time", "attribute 'time' must be an RFC 3339 timestamp string");
    }
    try {
      Rfc3339.parseStrict(s);
      return Optional.empty();
    } catch (DateTimeException e) {
      return invalid("time", "attribute 'time' is '" + s + "', not an RFC 3339 timestamp");
    }
  }

  private static Optional<Rejection> invalid(String name, String reason) {
    return Optional.of(Rejection.attribute(ErrorClass.EnvelopeInvalid, name, reason));
  }
}
