package dev.sluice.runtime.enricher.enrichment;

/**
 * A failed call worth trying again and counted against the API's health: a 5xx or 429 answer. A
 * timeout or I/O error is treated the same way.
 */
class RetriableHttpException extends EnrichmentException {
  RetriableHttpException(String message) {
    super(message);
  }
}
