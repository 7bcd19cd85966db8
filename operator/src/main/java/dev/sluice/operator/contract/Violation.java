package dev.sluice.operator.contract;

/**
 * One place where a reader schema does not accept everything a writer schema allows.
 *
 * @param path the property path, {@code (root)} for the top level, e.g. {@code origin.code} or
 *     {@code legs[].airline}
 * @param rule the rule broken
 * @param detail what differs, e.g. {@code [string, null] -> [string]}
 */
public record Violation(String path, CompatibilityRule rule, String detail) {
  @Override
  public String toString() {
    return path + ": " + rule + " (" + detail + ")";
  }
}
