package dev.sluice.runtime.collector.envelope;

/**
 * A whole request refused before it could be split into events: not JSON, not UTF-8, too deeply
 * nested, an empty batch, too many events, an unsupported content type. The request body is
 * dead-lettered as one record.
 */
public final class RequestRejectedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Rejection rejection;

  public RequestRejectedException(Rejection rejection) {
    super(rejection.reason(), null, false, false);
    this.rejection = rejection;
  }

  public Rejection rejection() {
    return rejection;
  }
}
