package dev.sluice.runtime.collector.envelope;

import dev.sluice.runtime.deadletter.ErrorClass;

/**
 * Why the collector refused an event or a request.
 *
 * @param errorClass the dead-letter error class
 * @param field JSON pointer (RFC 6901) of the attribute at fault, e.g. {@code /type}, or null
 * @param reason human-readable reason naming the attribute and what is wrong with it
 */
public record Rejection(ErrorClass errorClass, String field, String reason) {

  /** A rejection of attribute {@code name} (pointer {@code /name}). */
  public static Rejection attribute(ErrorClass errorClass, String name, String reason) {
    return new Rejection(errorClass, "/" + name, reason);
  }

  /** Whether the HTTP answer is 413 (size) rather than 400. */
  public boolean isSizeViolation() {
    return errorClass == ErrorClass.SizeViolation;
  }
}
