package dev.sluice.runtime.enricher.contract;

import dev.sluice.runtime.deadletter.DeadLetter;

/** An event the enricher will not pass on; {@link #reason()} says why, for its DLQ record. */
public class EventRejectedException extends Exception {
  private final transient DeadLetter reason;

  public EventRejectedException(DeadLetter reason) {
    super(reason.message(), null, false, false);
    this.reason = reason;
  }

  /** The dead-letter reason: class, message, field pointer, contract and version. */
  public DeadLetter reason() {
    return reason;
  }
}
