package dev.sluice.operator.status;

import dev.sluice.api.v1alpha1.Condition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * Builds conditions and keeps {@code lastTransitionTime} still unless {@code status} changes, so a
 * status recomputed from scratch equals the stored one whenever nothing changed.
 */
public final class Conditions {
  /** Condition type every Sluice resource carries. */
  public static final String READY = "Ready";

  private Conditions() {}

  /**
   * Creates a condition without a transition time.
   *
   * @param type condition type, e.g. {@code TopicsReady}
   * @param status whether the condition holds
   * @param reason why
   * @param message human-readable details
   * @return the condition; {@code lastTransitionTime} unset until {@link #stamp} runs
   */
  public static Condition of(String type, boolean status, Reason reason, String message) {
    return new Condition(
        type, status ? Condition.TRUE : Condition.FALSE, reason.name(), message, null);
  }

  /**
   * Sets {@code lastTransitionTime} on fresh conditions: the previous time when the type had the
   * same status before, otherwise {@code now}.
   *
   * @param fresh conditions just computed (times unset); modified in place
   * @param previous the conditions in the stored status (may be empty)
   * @param now the current time; written at second precision, RFC 3339
   * @return {@code fresh}
   */
  public static List<Condition> stamp(
      List<Condition> fresh, List<Condition> previous, Instant now) {
    String time = now.truncatedTo(ChronoUnit.SECONDS).toString();
    for (Condition condition : fresh) {
      String since =
          previous.stream()
              .filter(p -> Objects.equals(p.getType(), condition.getType()))
              .filter(p -> Objects.equals(p.getStatus(), condition.getStatus()))
              .map(Condition::getLastTransitionTime)
              .filter(Objects::nonNull)
              .findFirst()
              .orElse(time);
      condition.setLastTransitionTime(since);
    }
    return fresh;
  }
}
