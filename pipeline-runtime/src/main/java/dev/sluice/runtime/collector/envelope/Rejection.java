package dev.sluice.runtime.collector.envelope;

import dev.sluice.runtime.deadletter.ErrorClass;

/**
 * Why the collector refused an event or a request.
 *
 * @param errorClass the dead-letter error class
 * @param field JSON pointer (RFC 6901) of the attribute at fault, e.g. {@code /type}, or null
 * @param reason human-readable reason naming the attribute and what is wrong with it
 * @param contract name of the contract governing the event's {@code type}, or null when the type is
 *     unknown or unreadable
 * @param contractVersion the version the event declares, else the contract's accepted one; null
 *     without a contract or when the declared version is malformed
 */
public record Rejection(
    ErrorClass errorClass, String field, String reason, String contract, Integer contractVersion) {

  /** A rejection with no contract known (yet). */
  public Rejection(ErrorClass errorClass, String field, String reason) {
    this(errorClass, field, reason, null, null);
  }

  /** A rejection of attribute {@code name} (pointer {@code /name}). */
  public static Rejection attribute(ErrorClass errorClass, String name, String reason) {
    return new Rejection(errorClass, "/" + name, reason);
  }

  /** The same rejection, naming the contract the event falls under. */
  public Rejection withContract(String name, Integer version) {
    return new Rejection(errorClass, field, reason, name, version);
  }

  /** Whether the HTTP answer is 413 (size) rather than 400. */
  public boolean isSizeViolation() {
    return errorClass == ErrorClass.SizeViolation;
  }
}
