package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.ModelDeploymentStatus;
import dev.sluice.operator.rollout.RolloutState;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The release state's home in the ModelDeployment's status, so a restarted operator resumes where
 * the previous one was: each {@link RolloutState} field is a status field. Pure.
 */
final class RolloutStates {
  private RolloutStates() {}

  /**
   * Reads the state persisted in a status.
   *
   * @param status the stored status, or null before the first reconcile
   * @return the state; {@link RolloutState#INITIAL} without a status; a {@code stepSince} that does
   *     not parse (an edited status) reads as null
   */
  static RolloutState read(ModelDeploymentStatus status) {
    if (status == null) {
      return RolloutState.INITIAL;
    }
    return new RolloutState(
        status.getPhase(),
        status.getStableVersion(),
        status.getCandidateVersion(),
        status.getRolledBackVersion(),
        status.getStep(),
        status.getCurrentStep(),
        status.getCandidateWeight(),
        instant(status.getStepSince()),
        status.getLastAnalysis());
  }

  /**
   * Writes a state into a status.
   *
   * @param state the state to persist
   * @param status a fresh status; its rollout fields are set
   */
  static void write(RolloutState state, ModelDeploymentStatus status) {
    status.setPhase(state.phase());
    status.setStableVersion(state.stableVersion());
    status.setCandidateVersion(state.candidateVersion());
    status.setRolledBackVersion(state.rolledBackVersion());
    status.setStep(state.step());
    status.setCurrentStep(state.stepIndex());
    status.setCandidateWeight(state.candidateWeight());
    status.setStepSince(
        state.stepSince() == null
            ? null
            : state.stepSince().truncatedTo(ChronoUnit.MILLIS).toString());
    status.setLastAnalysis(state.lastAnalysis());
  }

  private static Instant instant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
