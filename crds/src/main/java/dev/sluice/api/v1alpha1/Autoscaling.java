package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** A HorizontalPodAutoscaler on CPU utilisation. Setting it makes the operator own the replicas. */
@ValidationRule(
    value = "self.minReplicas <= self.maxReplicas",
    message = "autoscaling.minReplicas must be <= autoscaling.maxReplicas")
public class Autoscaling {
  @Default("1")
  @Min(1)
  @JsonPropertyDescription("Fewest replicas.")
  private Integer minReplicas = 1;

  @Required
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Most replicas.")
  private Integer maxReplicas;

  @Default("70")
  @Min(1)
  @Max(100)
  @JsonPropertyDescription("Target average CPU utilisation, percent of requests.")
  private Integer targetCpuUtilizationPercent = 70;

  public Integer getMinReplicas() {
    return minReplicas;
  }

  public void setMinReplicas(Integer minReplicas) {
    this.minReplicas = minReplicas;
  }

  public Integer getMaxReplicas() {
    return maxReplicas;
  }

  public void setMaxReplicas(Integer maxReplicas) {
    this.maxReplicas = maxReplicas;
  }

  public Integer getTargetCpuUtilizationPercent() {
    return targetCpuUtilizationPercent;
  }

  public void setTargetCpuUtilizationPercent(Integer targetCpuUtilizationPercent) {
    this.targetCpuUtilizationPercent = targetCpuUtilizationPercent;
  }
}
