package dev.sluice.operator.contract;

/**
 * The rules a schema change can break, each a CamelCase word used in messages. docs/contracts.md
 * states each rule with examples.
 */
public enum CompatibilityRule {
  /** The reader accepts fewer JSON types than the writer produces. */
  TypeNarrowed("the reader accepts fewer types than the writer produces"),
  /** The reader's enum (or const) lacks values the writer may produce. */
  EnumNarrowed("the reader's enum/const lacks values the writer may produce"),
  /** The reader requires a property the writer does not always send. */
  RequiredAdded("the reader requires a property the writer does not always send"),
  /** The writer sends a property the reader's closed object does not declare. */
  PropertyNotAllowed("the writer sends a property the reader's closed object does not declare"),
  /** The writer sends extra properties the reader no longer allows. */
  AdditionalPropertiesRestricted("the writer may send extra properties the reader does not allow"),
  /** minimum/maximum/exclusive bounds or multipleOf are stricter for the reader. */
  RangeNarrowed("the reader's numeric range is narrower than the writer's"),
  /** minLength/maxLength or minItems/maxItems are stricter for the reader. */
  LengthNarrowed("the reader's length limits are narrower than the writer's"),
  /** The reader's pattern differs from the writer's (regular languages are not compared). */
  PatternChanged("the reader's pattern differs from the writer's"),
  /** The reader's format differs from the writer's. */
  FormatChanged("the reader's format differs from the writer's"),
  /** The reader requires unique array items and the writer does not. */
  UniqueItemsAdded("the reader requires unique items and the writer does not"),
  /** The reader schema is {@code false}: it accepts nothing. */
  SchemaRejectsAll("the reader schema is false and accepts nothing"),
  /**
   * A keyword Sluice does not analyse (allOf, anyOf, oneOf, not, if/then/else, $ref, $defs, ...)
   * differs between the two schemas, so compatibility cannot be proven.
   */
  UnanalysedKeywordChanged(
      "a keyword Sluice does not analyse differs, so compatibility is unproven");

  private final String description;

  CompatibilityRule(String description) {
    this.description = description;
  }

  /** A short human sentence saying what the rule forbids. */
  public String description() {
    return description;
  }
}
