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

  @JsonPropertyDescription("Index of the current canary step, from 0.")
  private Integer currentStep;

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
