package dev.sluice.runtime.deadletter;

/**
 * Why a record went to a dead-letter topic: the closed set written in the {@code
 * sluice.error.class} header (see docs/dead-letter.md).
 */
public enum ErrorClass {
  /** A required CloudEvents attribute is missing or malformed (collector). */
  EnvelopeInvalid,
  /** An event or request is larger than its limit (collector). */
  SizeViolation,
  /** The body is not JSON, not UTF-8 or not a CloudEvent at all (collector). */
  Unparseable,
  /** No contract of the pipeline governs the event's type or declared version. */
  UnknownType,
  /** The event's data does not satisfy its contract's JSON Schema (enricher). */
  SchemaViolation,
  /** An enrichment failed and its {@code onError} is deadLetter (enricher). */
  EnrichmentFailed,
  /** A document was refused by the search index (real-time loader). */
  IndexingFailed,
  /** An object could not be written (batch loader). */
  ObjectWriteFailed,
  /**
   * An event cannot become a model's input: not a CloudEvent, or a feature field (model-server).
   */
  PredictionInputInvalid
}
