package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Observed state of a {@link ModelDeployment} and its release. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelDeploymentStatus extends SluiceStatus {
  @JsonPropertyDescription("Progressing, Paused, Healthy, Degraded or RolledBack.")
  private RolloutPhase phase;

  @JsonPropertyDescription("Version receiving (most) traffic.")
  private String stableVersion;

  @JsonPropertyDescription("Version being released, if a release is in progress.")
  private String candidateVersion;

  @JsonPropertyDescription(
      "The version last rolled back; while spec.model.version names it again the release stays"
          + " RolledBack, and naming another version starts a new release.")
  private String rolledBackVersion;

  @JsonPropertyDescription(
      "The release state machine's current state, e.g. CanaryStep, AwaitingPromotion,"
          + " ScaleDownPrevious; the strategy defines the names.")
  private String step;

  @JsonPropertyDescription("Index of the current canary step, from 0; unset for other strategies.")
  private Integer currentStep;

  @JsonPropertyDescription(
      "When the current step was entered (RFC 3339); pauses, analysis windows and scale-down"
          + " delays are measured from here.")
  private String stepSince;

  @JsonPropertyDescription("Percent of traffic the candidate receives (mirrored share for Shadow).")
  private Integer candidateWeight;

  @JsonPropertyDescription("Result of the most recent analysis.")
  private AnalysisResult lastAnalysis;

  public RolloutPhase getPhase() {
    return phase;
  }

  public void setPhase(RolloutPhase phase) {
    this.phase = phase;
  }

  public String getStableVersion() {
    return stableVersion;
  }

  public void setStableVersion(String stableVersion) {
    this.stableVersion = stableVersion;
  }

  public String getCandidateVersion() {
    return candidateVersion;
  }

  public void setCandidateVersion(String candidateVersion) {
    this.candidateVersion = candidateVersion;
  }

  public String getRolledBackVersion() {
    return rolledBackVersion;
  }

  public void setRolledBackVersion(String rolledBackVersion) {
    this.rolledBackVersion = rolledBackVersion;
  }

  public String getStep() {
    return step;
  }

  public void setStep(String step) {
    this.step = step;
  }

  public String getStepSince() {
    return stepSince;
  }

  public void setStepSince(String stepSince) {
    this.stepSince = stepSince;
  }

  public Integer getCurrentStep() {
    return currentStep;
  }

  public void setCurrentStep(Integer currentStep) {
    this.currentStep = currentStep;
  }

  public Integer getCandidateWeight() {
    return candidateWeight;
  }

  public void setCandidateWeight(Integer candidateWeight) {
    this.candidateWeight = candidateWeight;
  }

  public AnalysisResult getLastAnalysis() {
    return lastAnalysis;
  }

  public void setLastAnalysis(AnalysisResult lastAnalysis) {
    this.lastAnalysis = lastAnalysis;
  }
}
