package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Replica counts of one stage's Deployment. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class StageStatus {
  @JsonPropertyDescription("collector, enricher, realtime-loader or batch-loader.")
  private String name;

  @JsonPropertyDescription("Pods of the stage that are ready.")
  private Integer readyReplicas;

  @JsonPropertyDescription("Pods the stage should have.")
  private Integer desiredReplicas;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public Integer getReadyReplicas() {
    return readyReplicas;
  }

  public void setReadyReplicas(Integer readyReplicas) {
    this.readyReplicas = readyReplicas;
  }

  public Integer getDesiredReplicas() {
    return desiredReplicas;
  }

  public void setDesiredReplicas(Integer desiredReplicas) {
    this.desiredReplicas = desiredReplicas;
  }
}
