package dev.sluice.operator.rollout;

/**
 * The manual controls on a ModelDeployment, from its annotations {@code sluice.dev/promote}, {@code
 * sluice.dev/abort} and {@code sluice.dev/pause} (set by hand or by {@code sluice promote|abort}).
 * The reconciler removes {@code promote} and {@code abort} once the decision that acted on them is
 * persisted; {@code pause} holds until removed.
 *
 * @param promote skip the remaining steps/analysis and make the candidate stable now
 * @param abort roll traffic back to stable and scale the candidate down
 * @param paused hold the current step: no weight change, no promotion, pauses do not expire
 */
public record ManualCommands(boolean promote, boolean abort, boolean paused) {
  /** No manual control set. */
  public static final ManualCommands NONE = new ManualCommands(false, false, false);
}
