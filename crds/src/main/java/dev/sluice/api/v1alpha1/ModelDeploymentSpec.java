package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/**
 * Desired state of a {@link ModelDeployment}. Changing {@code model} starts a release under {@code
 * release.strategy}; changing {@code replicas} only scales.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.mode != 'Stream' || has(self.stream)",
    message = "stream is required when mode is Stream")
@ValidationRule(
    value = "!has(self.stream) || self.mode == 'Stream'",
    message = "stream is only allowed when mode is Stream")
@ValidationRule(
    value = "self.mode != 'Batch' || has(self.batch)",
    message = "batch is required when mode is Batch")
@ValidationRule(
    value = "!has(self.batch) || self.mode == 'Batch'",
    message = "batch is only allowed when mode is Batch")
public class ModelDeploymentSpec {
  @Required
  @JsonPropertyDescription("The model and version to serve. A change starts a release.")
  private ModelSpec model;

  @JsonPropertyDescription(
      "Where the model servers load the model from; required to serve (without it Ready is False"
          + " with reason InvalidSpec). A change rolls every model server.")
  private ModelRegistrySpec registry;

  @Default("RequestResponse")
  @JsonPropertyDescription(
      "RequestResponse (an HTTP inference API), Stream (predict every event of a topic) or Batch"
          + " (a job over a window of curated data).")
  private ServingMode mode = ServingMode.RequestResponse;

  @Default("1")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Replicas of each serving version when autoscaling is not set.")
  private Integer replicas = 1;

  @JsonPropertyDescription("Scale the model servers on CPU instead of a fixed replica count.")
  private Autoscaling autoscaling;

  @Required
  @JsonPropertyDescription("How a new model version replaces the serving one.")
  private ReleaseSpec release;

  @JsonPropertyDescription("Metrics and thresholds that decide promotion or rollback.")
  private AnalysisSpec analysis;

  @JsonPropertyDescription("How traffic is split between the stable and candidate versions.")
  private TrafficSpec traffic = new TrafficSpec();

  @JsonPropertyDescription("Input and output topics; only with mode Stream.")
  private StreamSpec stream;

  @JsonPropertyDescription("Schedule and input of the batch job; only with mode Batch.")
  private BatchSpec batch;

  @JsonPropertyDescription("Runtime image; defaults to the operator's runtime image.")
  private String image;

  @JsonPropertyDescription("Compute resources of each model server container.")
  private ResourceRequirements resources;

  public ModelSpec getModel() {
    return model;
  }

  public void setModel(ModelSpec model) {
    this.model = model;
  }

  public ModelRegistrySpec getRegistry() {
    return registry;
  }

  public void setRegistry(ModelRegistrySpec registry) {
    this.registry = registry;
  }

  public ServingMode getMode() {
    return mode;
  }

  public void setMode(ServingMode mode) {
    this.mode = mode;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Autoscaling getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(Autoscaling autoscaling) {
    this.autoscaling = autoscaling;
  }

  public ReleaseSpec getRelease() {
    return release;
  }

  public void setRelease(ReleaseSpec release) {
    this.release = release;
  }

  public AnalysisSpec getAnalysis() {
    return analysis;
  }

  public void setAnalysis(AnalysisSpec analysis) {
    this.analysis = analysis;
  }

  public TrafficSpec getTraffic() {
    return traffic;
  }

  public void setTraffic(TrafficSpec traffic) {
    this.traffic = traffic;
  }

  public StreamSpec getStream() {
    return stream;
  }

  public void setStream(StreamSpec stream) {
    this.stream = stream;
  }

  public BatchSpec getBatch() {
    return batch;
  }

  public void setBatch(BatchSpec batch) {
    this.batch = batch;
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
}
