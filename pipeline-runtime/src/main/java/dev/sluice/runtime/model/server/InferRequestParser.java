package dev.sluice.runtime.model.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses and checks an Open Inference Protocol v2 inference request body against a model's inputs:
 * {@code {"id": "…", "inputs": [{"name", "shape", "datatype", "data"}], "outputs": [{"name"}]}}.
 * {@code data} is flat or nested in row-major order. Every refusal is an {@link
 * InvalidInputException} whose message names the input.
 */
public final class InferRequestParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String model;
  private final Map<String, TensorSpec> inputs;
  private final Map<String, TensorSpec> outputs;
  private final int maxBatchSize;

  /**
   * @param model the model's name, for messages
   * @param maxBatchSize most rows (first dimension) of one input
   */
  public InferRequestParser(
      String model,
      Map<String, TensorSpec> inputs,
      Map<String, TensorSpec> outputs,
      int maxBatchSize) {
    this.model = model;
    this.inputs = inputs;
    this.outputs = outputs;
    this.maxBatchSize = maxBatchSize;
  }

  public InferRequest parse(byte[] body) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new InvalidInputException("request body is not JSON: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new InvalidInputException("request body is not a JSON object");
    }
    JsonNode given = root.get("inputs");
    if (given == null || !given.isArray() || given.isEmpty()) {
      throw new InvalidInputException("inputs is required: a non-empty array");
    }
    List<Tensor> tensors = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      JsonNode in = given.get(i);
      String name = in.path("name").asText("");
      TensorSpec spec = inputs.get(name);
      if (spec == null) {
        throw new InvalidInputException(
            "input '"
                + name
                + "' (inputs["
                + i
                + "]) is not an input of model "
                + model
                + "; its inputs are "
                + inputs.keySet());
      }
      if (!seen.add(name)) {
        throw new InvalidInputException("input '" + name + "' is given twice");
      }
      tensors.add(tensor(spec, in));
    }
    for (String name : inputs.keySet()) {
      if (!seen.contains(name)) {
        throw new InvalidInputException("input '" + name + "' is missing");
      }
    }
    return new InferRequest(
        root.hasNonNull("id") ? root.get("id").asText() : null, tensors, requestedOutputs(root));
  }

  private Tensor tensor(TensorSpec spec, JsonNode in) {
    String name = spec.name();
    String datatype = in.path("datatype").asText("");
    if (!datatype.equals(spec.datatype())) {
      throw new InvalidInputException(
          "input '"
              + name
              + "': datatype '"
              + datatype
              + "' is not the model's "
              + spec.datatype());
    }
    long[] shape = shape(spec, in.get("shape"));
    if (shape.length > 0 && shape[0] > maxBatchSize) {
      throw new InvalidInputException(
          "input '"
              + name
              + "': batch of "
              + shape[0]
              + " rows is over the limit of "
              + maxBatchSize);
    }
    long count = 1;
    for (long d : shape) {
      count *= d;
    }
    List<JsonNode> values = new ArrayList<>();
    JsonNode data = in.get("data");
    if (data == null || !data.isArray()) {
      throw new InvalidInputException("input '" + name + "': data is required: an array");
    }
    flatten(name, data, values, count);
    if (values.size() != count) {
      throw new InvalidInputException(
          "input '"
              + name
              + "': "
              + values.size()
              + " values do not fill shape "
              + java.util.Arrays.toString(shape)
              + " ("
              + count
              + " values)");
    }
    return new Tensor(name, datatype, shape, TensorData.of(name, datatype, values));
  }

  private static long[] shape(TensorSpec spec, JsonNode given) {
    String name = spec.name();
    if (given == null || !given.isArray()) {
      throw new InvalidInputException("input '" + name + "': shape is required: an array");
    }
    if (given.size() != spec.shape().length) {
      throw new InvalidInputException(
          "input '"
              + name
              + "': shape "
              + given
              + " has rank "
              + given.size()
              + ", the model expects "
              + spec.shapeText());
    }
    long[] shape = new long[given.size()];
    for (int i = 0; i < shape.length; i++) {
      JsonNode d = given.get(i);
      if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
        throw new InvalidInputException(
            "input '" + name + "': shape[" + i + "] is not a non-negative integer");
      }
      shape[i] = d.asLong();
      long expected = spec.shape()[i];
      if (expected >= 0 && shape[i] != expected) {
        throw new InvalidInputException(
            "input '"
                + name
                + "': shape "
                + given
                + " does not fit the model's "
                + spec.shapeText()
                + " (dimension "
                + i
                + " must be "
                + expected
                + ")");
      }
    }
    return shape;
  }

  private static void flatten(String name, JsonNode node, List<JsonNode> into, long max) {
    for (JsonNode v : node) {
      if (v.isArray()) {
        flatten(name, v, into, max);
      } else {
        into.add(v);
      }
      if (into.size() > max) {
        throw new InvalidInputException(
            "input '" + name + "': more values than its shape holds (" + max + ")");
      }
    }
  }

  private List<String> requestedOutputs(JsonNode root) {
    JsonNode requested = root.get("outputs");
    if (requested == null || requested.isNull()) {
      return List.of();
    }
    if (!requested.isArray()) {
      throw new InvalidInputException("outputs must be an array of {\"name\": …}");
    }
    List<String> names = new ArrayList<>();
    for (JsonNode o : requested) {
      String name = o.path("name").asText("");
      if (!outputs.containsKey(name)) {
        throw new InvalidInputException(
            "output '"
                + name
                + "' is not an output of model "
                + model
                + "; its outputs are "
                + outputs.keySet());
      }
      names.add(name);
    }
    return names;
  }
}
