package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.ArrayList;
import java.util.List;

/** Desired state of a {@link DataPipeline}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataPipelineSpec {
  @Required
  @Size(min = 1, max = 64)
  @JsonPropertyDescription(
      "DataContracts (same namespace) whose event types this pipeline accepts. A change re-renders"
          + " the collector and enricher configuration and rolls them.")
  private List<ContractReference> contracts = new ArrayList<>();

  @Required
  @JsonPropertyDescription("The Kafka cluster and how the pipeline's topics are made.")
  private KafkaSpec kafka;

  @JsonPropertyDescription(
      "S3-compatible object store (MinIO) for the batch loader and curation; required when"
          + " loaders.batch or curation is set.")
  private ObjectStoreSpec objectStore;

  @JsonPropertyDescription("The HTTP/gRPC collector that receives events.")
  private CollectorSpec collector = new CollectorSpec();

  @JsonPropertyDescription("The enricher/validator between the raw and enriched topics.")
  private EnricherSpec enricher = new EnricherSpec();

  @JsonPropertyDescription("Loaders of enriched events into a search index and an object store.")
  private LoadersSpec loaders;

  @JsonPropertyDescription("The scheduled curation job over the batch loader's objects.")
  private CurationSpec curation;

  @JsonPropertyDescription(
      "Runtime image every stage runs; defaults to the operator's own runtime image. A change"
          + " rolls every stage.")
  private String image;

  @JsonPropertyDescription(
      "Compute resources of each stage's container. A change rolls every stage.")
  private ResourceRequirements resources;

  @Default("Retain")
  @JsonPropertyDescription(
      "What deleting the pipeline does to its topics and buckets: Retain (default) keeps them,"
          + " Delete removes them.")
  private DeletionPolicy deletionPolicy = DeletionPolicy.Retain;

  public List<ContractReference> getContracts() {
    return contracts;
  }

  public void setContracts(List<ContractReference> contracts) {
    this.contracts = contracts;
  }

  public KafkaSpec getKafka() {
    return kafka;
  }

  public void setKafka(KafkaSpec kafka) {
    this.kafka = kafka;
  }

  public ObjectStoreSpec getObjectStore() {
    return objectStore;
  }

  public void setObjectStore(ObjectStoreSpec objectStore) {
    this.objectStore = objectStore;
  }

  public CollectorSpec getCollector() {
    return collector;
  }

  public void setCollector(CollectorSpec collector) {
    this.collector = collector;
  }

  public EnricherSpec getEnricher() {
    return enricher;
  }

  public void setEnricher(EnricherSpec enricher) {
    this.enricher = enricher;
  }

  public LoadersSpec getLoaders() {
    return loaders;
  }

  public void setLoaders(LoadersSpec loaders) {
    this.loaders = loaders;
  }

  public CurationSpec getCuration() {
    return curation;
  }

  public void setCuration(CurationSpec curation) {
    this.curation = curation;
  }

  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public DeletionPolicy getDeletionPolicy() {
    return deletionPolicy;
  }

  public void setDeletionPolicy(DeletionPolicy deletionPolicy) {
    this.deletionPolicy = deletionPolicy;
  }
}
