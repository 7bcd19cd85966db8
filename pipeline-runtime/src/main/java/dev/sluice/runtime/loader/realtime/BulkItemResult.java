package dev.sluice.runtime.loader.realtime;

/**
 * The outcome of one document of a {@code _bulk} request.
 *
 * @param status the item's HTTP status
 * @param errorType the error type (e.g. {@code mapper_parsing_exception}), or null on success
 * @param errorReason the error reason, or null on success
 */
public record BulkItemResult(int status, String errorType, String errorReason) {

  /** Whether the document was written (created or updated). */
  public boolean succeeded() {
    return status / 100 == 2;
  }

  /** Whether sending it again may succeed: the node was overloaded (429) or failing (5xx). */
  public boolean retriable() {
    return status == 429 || status >= 500;
  }
}
