package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.rollout.ManualCommands;
import dev.sluice.operator.rollout.RolloutState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The manual controls of a release, as annotations on the ModelDeployment ({@code kubectl annotate}
 * or {@code sluice promote|abort}): {@value #PROMOTE}, {@value #ABORT} and {@value #PAUSE}. Any
 * value turns one on except {@code "false"}. Pure.
 *
 * <p>Promote and abort are one-shot, removed once the decision that used them is persisted. The
 * strategies look at them only while a release of the version the spec names is in progress, abort
 * before pause before promote. So a command given then is used when that decision changed the
 * release (a promote given while the candidate still starts waits, and promotes once it is ready; a
 * promote given while paused waits for the pause to end); a command given with no release in
 * progress is dropped with an event saying so, since left in place it would hit the next release;
 * and a command given with a spec change that starts a release waits for the release's next
 * reconcile. Pause holds until removed.
 */
final class ManualControl {
  /** Annotation: promote the candidate now. */
  static final String PROMOTE = "sluice.dev/promote";

  /** Annotation: abort the release and roll back. */
  static final String ABORT = "sluice.dev/abort";

  /** Annotation: hold the release where it is. */
  static final String PAUSE = "sluice.dev/pause";

  /**
   * What to do with the one-shot annotations after a decision.
   *
   * @param used annotations the decision acted on: remove them
   * @param ignored annotations given with no release in progress: remove them and say so
   */
  record Outcome(List<String> used, List<String> ignored) {
    /** Every annotation to remove. */
    List<String> removed() {
      List<String> all = new ArrayList<>(used);
      all.addAll(ignored);
      return all;
    }
  }

  private ManualControl() {}

  /**
   * Reads the commands.
   *
   * @param deployment the ModelDeployment
   * @return the commands its annotations turn on
   */
  static ManualCommands commands(ModelDeployment deployment) {
    Map<String, String> annotations = deployment.getMetadata().getAnnotations();
    if (annotations == null) {
      return ManualCommands.NONE;
    }
    return new ManualCommands(
        on(annotations, PROMOTE), on(annotations, ABORT), on(annotations, PAUSE));
  }

  /**
   * Sorts the one-shot commands after a decision.
   *
   * @param commands the commands the decision was given
   * @param desiredVersion spec.model.version
   * @param before the state before the decision
   * @param after the state the decision persisted
   * @return which annotations were used and which were ignored; the rest stay
   */
  static Outcome outcome(
      ManualCommands commands, String desiredVersion, RolloutState before, RolloutState after) {
    boolean inRelease =
        before.stableVersion() != null
            && before.candidateVersion() != null
            && before.candidateVersion().equals(desiredVersion);
    if (inRelease) {
      List<String> used = new ArrayList<>();
      if (commands.abort() && !sameRelease(before, after)) {
        used.add(ABORT);
      }
      if (commands.promote() && !commands.paused() && promoted(before, after)) {
        used.add(PROMOTE);
      }
      return new Outcome(used, List.of());
    }
    if (after.candidateVersion() == null) {
      List<String> ignored = new ArrayList<>();
      if (commands.abort()) {
        ignored.add(ABORT);
      }
      if (commands.promote()) {
        ignored.add(PROMOTE);
      }
      return new Outcome(List.of(), ignored);
    }
    return new Outcome(List.of(), List.of());
  }

  /**
   * Whether a decision promoted: all traffic moved to the candidate (the promotion of BlueGreen,
   * Canary and Shadow, which keeps the previous version a while), or the release ended. A step
   * taken without promoting — a candidate turning ready, say — is not one.
   */
  private static boolean promoted(RolloutState before, RolloutState after) {
    boolean allTraffic =
        Objects.equals(after.candidateWeight(), 100)
            && !Objects.equals(before.candidateWeight(), 100);
    return allTraffic || after.candidateVersion() == null;
  }

  /**
   * Whether a decision left the release where it was (weights, step, versions and phase).
   *
   * @param before the state before the decision
   * @param after the state after it
   * @return true when nothing but the analysis result or timestamps changed
   */
  static boolean sameRelease(RolloutState before, RolloutState after) {
    return before.phase() == after.phase()
        && Objects.equals(before.stableVersion(), after.stableVersion())
        && Objects.equals(before.candidateVersion(), after.candidateVersion())
        && Objects.equals(before.rolledBackVersion(), after.rolledBackVersion())
        && Objects.equals(before.step(), after.step())
        && Objects.equals(before.stepIndex(), after.stepIndex())
        && Objects.equals(before.candidateWeight(), after.candidateWeight());
  }

  private static boolean on(Map<String, String> annotations, String key) {
    String value = annotations.get(key);
    return value != null && !value.trim().equalsIgnoreCase("false");
  }
}
