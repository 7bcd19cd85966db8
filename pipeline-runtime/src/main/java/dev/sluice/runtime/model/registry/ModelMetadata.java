package dev.sluice.runtime.model.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.runtime.model.features.FeatureSpec;
import java.util.List;

/**
 * The {@code metadata.json} stored beside each {@code model.onnx} in the registry (see
 * docs/models.md). Unknown fields are kept out of the way (ignored) so newer trainers can add some.
 *
 * @param name model name, e.g. {@code flight-delay}
 * @param version version, e.g. {@code 2}
 * @param createdAt when it was trained, ISO-8601 instant
 * @param framework what trained and exported it, e.g. {@code tribuo 4.3.2 LinearSGDModel}
 * @param target what the model predicts, in words
 * @param inputs the ONNX graph's inputs
 * @param outputs the ONNX graph's outputs
 * @param metrics held-out evaluation, e.g. {@code {"accuracy": 0.80, "auc": 0.64}}
 * @param trainingData the data and time windows of training and evaluation
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ModelMetadata(
    @JsonProperty(required = true) String name,
    @JsonProperty(required = true) String version,
    String createdAt,
    String framework,
    String target,
    @JsonProperty(required = true) List<Tensor> inputs,
    @JsonProperty(required = true) List<Tensor> outputs,
    JsonNode metrics,
    JsonNode trainingData) {

  /**
   * One input or output tensor.
   *
   * @param name the ONNX graph's name of it
   * @param datatype Open Inference Protocol datatype, e.g. {@code FP32}
   * @param shape dimensions, {@code -1} for a variable one (the batch)
   * @param features for an input: how each column is computed from an event (stream mode)
   * @param labels for a class-probability output: the class of each column
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Tensor(
      @JsonProperty(required = true) String name,
      @JsonProperty(required = true) String datatype,
      @JsonProperty(required = true) List<Long> shape,
      List<FeatureSpec> features,
      List<String> labels) {}
}
