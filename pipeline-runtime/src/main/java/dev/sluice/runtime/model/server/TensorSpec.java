package dev.sluice.runtime.model.server;

import java.util.Arrays;

/**
 * The declared type of a model input or output, as the ONNX graph states it.
 *
 * @param name the tensor's name in the graph
 * @param datatype Open Inference Protocol datatype ({@code FP32}, {@code FP64}, {@code INT32},
 *     {@code INT64})
 * @param shape dimensions; {@code -1} for a variable one (the batch)
 */
public record TensorSpec(String name, String datatype, long[] shape) {

  /** The shape as OIP metadata and error messages show it, e.g. {@code [-1, 2]}. */
  public String shapeText() {
    return Arrays.toString(shape);
  }
}
