package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;

/** The enricher/validator stage between the raw and the enriched topic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EnricherSpec {
  @Default("1")
  @Min(0)
  @Max(1000)
  @JsonPropertyDescription(
      "Replicas (one consumer group; more replicas than raw partitions sit idle).")
  private Integer replicas = 1;

  @Size(max = 32)
  @JsonPropertyDescription(
      "Enrichments applied in order to every valid event. A change rolls the enricher.")
  private List<Enrichment> enrichments = new ArrayList<>();

  @Default("AtLeastOnce")
  @JsonPropertyDescription(
      "AtLeastOnce (offsets committed after the write is acknowledged) or ExactlyOnce (Kafka"
          + " transactions; consumers read committed).")
  private DeliveryGuarantee delivery = DeliveryGuarantee.AtLeastOnce;

  @JsonPropertyDescription("Scale the enricher on CPU instead of a fixed replica count.")
  private Autoscaling autoscaling;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public List<Enrichment> getEnrichments() {
    return enrichments;
  }

  public void setEnrichments(List<Enrichment> enrichments) {
    this.enrichments = enrichments;
  }

  public DeliveryGuarantee getDelivery() {
    return delivery;
  }

  public void setDelivery(DeliveryGuarantee delivery) {
    this.delivery = delivery;
  }

  public Autoscaling getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(Autoscaling autoscaling) {
    this.autoscaling = autoscaling;
  }
}
