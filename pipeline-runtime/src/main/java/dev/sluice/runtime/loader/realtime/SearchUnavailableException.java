package dev.sluice.runtime.loader.realtime;

/**
 * A request to the search cluster failed as a whole: unreachable, overloaded (429), failing (5xx)
 * or refusing the request. The loader retries it with backoff and commits nothing meanwhile.
 */
public final class SearchUnavailableException extends Exception {
  private final int status;

  /**
   * @param status the HTTP status, or 0 when there was no response
   */
  public SearchUnavailableException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status, or 0 when there was no response. */
  public int status() {
    return status;
  }
}
