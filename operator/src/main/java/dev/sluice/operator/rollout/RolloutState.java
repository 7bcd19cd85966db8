package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.AnalysisResult;
import dev.sluice.api.v1alpha1.RolloutPhase;
import java.time.Instant;

/**
 * The release state a strategy reads and writes, persisted in the ModelDeployment's status so a
 * restarted operator resumes where it was.
 *
 * @param phase the user-facing phase (Progressing, Paused, Healthy, Degraded, RolledBack); null
 *     before the first reconcile
 * @param stableVersion the version receiving (most) traffic; null before the first version is up
 * @param candidateVersion the version being released; null when no release is in progress
 * @param rolledBackVersion the version last aborted; a spec naming it again stays RolledBack until
 *     the spec names another version
 * @param step the strategy's state name (e.g. {@code CanaryStep}, {@code ScaleDownPrevious});
 *     strategies define their own names
 * @param stepIndex index of the current canary step from 0; null for other strategies
 * @param candidateWeight percent (0..100) of traffic the candidate answers, or mirrored share for
 *     Shadow
 * @param stepSince when the current {@code step} (and {@code stepIndex}) was entered; windows of
 *     pauses, analysis and scale-down delays start here
 * @param lastAnalysis the most recent analysis result, or null
 */
public record RolloutState(
    RolloutPhase phase,
    String stableVersion,
    String candidateVersion,
    String rolledBackVersion,
    String step,
    Integer stepIndex,
    Integer candidateWeight,
    Instant stepSince,
    AnalysisResult lastAnalysis) {

  /** The state of a ModelDeployment never reconciled. */
  public static final RolloutState INITIAL =
      new RolloutState(null, null, null, null, null, null, null, null, null);
}
