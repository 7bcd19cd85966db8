package dev.sluice.runtime.enricher.enrichment;

/**
 * An event could not be enriched by one step; the message says why for the DLQ record or the {@code
 * sluiceenrichmenterror} attribute.
 */
public class EnrichmentException extends RuntimeException {
  private final String field;

  public EnrichmentException(String message) {
    this(message, (String) null);
  }

  /**
   * @param field JSON pointer of the event field at fault, e.g. {@code /data/origin}, or null
   */
  public EnrichmentException(String message, String field) {
    super(message, null, false, false);
    this.field = field;
  }

  /** JSON pointer of the event field at fault, or null when none is. */
  public String field() {
    return field;
  }
}
