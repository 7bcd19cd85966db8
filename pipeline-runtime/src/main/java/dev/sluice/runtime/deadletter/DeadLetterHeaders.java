package dev.sluice.runtime.deadletter;

/**
 * Names of the Kafka headers a dead-letter record carries next to the original key, value and
 * headers. Values are UTF-8 strings. Documented in docs/dead-letter.md.
 */
public final class DeadLetterHeaders {
  /** The stage that rejected the record, e.g. {@code collector}. */
  public static final String STAGE = "sluice.error.stage";

  /** An {@link ErrorClass} name. */
  public static final String CLASS = "sluice.error.class";

  /** A human-readable reason. */
  public static final String MESSAGE = "sluice.error.message";

  /** JSON pointer (RFC 6901) of the field at fault, where known, e.g. {@code /data/delay}. */
  public static final String FIELD = "sluice.error.field";

  /** metadata.name of the contract the record was checked against, where known. */
  public static final String CONTRACT = "sluice.error.contract";

  /** Version of that contract. */
  public static final String CONTRACT_VERSION = "sluice.error.contract.version";

  /** When the record was rejected, RFC 3339 in UTC. */
  public static final String TIME = "sluice.error.time";

  /** Topic of the rejected record (absent for the collector, which had none). */
  public static final String SOURCE_TOPIC = "sluice.error.source.topic";

  /** Partition of the rejected record. */
  public static final String SOURCE_PARTITION = "sluice.error.source.partition";

  /** Offset of the rejected record. */
  public static final String SOURCE_OFFSET = "sluice.error.source.offset";

  /** {@code true} when the value was cut to the dead-letter payload cap. */
  public static final String TRUNCATED = "sluice.error.truncated";

  /** Original size of the value in bytes, when it was truncated. */
  public static final String ORIGINAL_BYTES = "sluice.error.original.bytes";

  private DeadLetterHeaders() {}
}
