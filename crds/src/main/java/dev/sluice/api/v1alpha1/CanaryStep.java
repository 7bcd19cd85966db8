package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** One canary step: send {@code weight} percent of traffic to the candidate, then wait. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CanaryStep {
  @Required
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Percent of traffic (1..100) the candidate receives at this step.")
  private Integer weight;

  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription(
      "How long to hold the step before judging it; unset waits for sluice.dev/promote.")
  private String pause;

  @Default("true")
  @JsonPropertyDescription("Run the analysis at the end of the step.")
  private Boolean analysis = true;

  public Integer getWeight() {
    return weight;
  }

  public void setWeight(Integer weight) {
    this.weight = weight;
  }

  public String getPause() {
    return pause;
  }

  public void setPause(String pause) {
    this.pause = pause;
  }

  public Boolean getAnalysis() {
    return analysis;
  }

  public void setAnalysis(Boolean analysis) {
    this.analysis = analysis;
  }
}
