package dev.sluice.operator.contract;

/**
 * A breaking difference between a candidate schema and one earlier accepted version.
 *
 * @param direction {@code BACKWARD} (the new schema cannot read data of the old one) or {@code
 *     FORWARD} (the old schema cannot read data of the new one)
 * @param againstVersion the earlier version number it was checked against
 * @param violation where and which rule
 */
public record Incompatibility(String direction, int againstVersion, Violation violation) {
  /** A one-line message naming the property and the rule, for a condition message. */
  public String message() {
    return direction
        + " incompatible with version "
        + againstVersion
        + " at property "
        + violation.path()
        + ": "
        + violation.rule()
        + " ("
        + violation.detail()
        + "; "
        + violation.rule().description()
        + ")";
  }
}
