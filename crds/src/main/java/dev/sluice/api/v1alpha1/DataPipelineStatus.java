package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a {@link DataPipeline}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataPipelineStatus extends SluiceStatus {
  @JsonPropertyDescription("Pending, Provisioning, Running, Degraded or Failed.")
  private PipelinePhase phase;

  @JsonPropertyDescription("Names of the pipeline's Kafka topics.")
  private PipelineTopics topics;

  @JsonPropertyDescription("Buckets the pipeline writes to.")
  private List<String> buckets = new ArrayList<>();

  @JsonPropertyDescription("Ready and desired replicas of each stage.")
  private List<StageStatus> stages = new ArrayList<>();

  @JsonPropertyDescription("Ready stages out of all stages, e.g. 4/5, for kubectl get.")
  private String stagesReady;

  public PipelinePhase getPhase() {
    return phase;
  }

  public void setPhase(PipelinePhase phase) {
    this.phase = phase;
  }

  public PipelineTopics getTopics() {
    return topics;
  }

  public void setTopics(PipelineTopics topics) {
    this.topics = topics;
  }

  public List<String> getBuckets() {
    return buckets;
  }

  public void setBuckets(List<String> buckets) {
    this.buckets = buckets;
  }

  public List<StageStatus> getStages() {
    return stages;
  }

  public void setStages(List<StageStatus> stages) {
    this.stages = stages;
  }

  public String getStagesReady() {
    return stagesReady;
  }

  public void setStagesReady(String stagesReady) {
    this.stagesReady = stagesReady;
  }
}
