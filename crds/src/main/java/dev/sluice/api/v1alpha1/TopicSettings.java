package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** Settings shared by every topic of a pipeline (raw, enriched and the dead-letter topics). */
public class TopicSettings {
  @Default("3")
  @Min(1)
  @Max(1000)
  @JsonPropertyDescription(
      "Partitions per topic; the most collector-to-enricher parallelism. Can only grow.")
  private Integer partitions = 3;

  @Default("1")
  @Min(1)
  @Max(10)
  @JsonPropertyDescription("Replication factor per topic. Fixed once the topic exists.")
  private Integer replicas = 1;

  @Default("7d")
  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription("retention.ms of each topic, as a duration such as 7d.")
  private String retention = "7d";

  public Integer getPartitions() {
    return partitions;
  }

  public void setPartitions(Integer partitions) {
    this.partitions = partitions;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public String getRetention() {
    return retention;
  }

  public void setRetention(String retention) {
    this.retention = retention;
  }
}
