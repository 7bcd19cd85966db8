package dev.sluice.runtime.model.server;

/**
 * A tensor's values in row-major order: a {@code float[]}, {@code double[]}, {@code int[]} or
 * {@code long[]} matching {@code datatype}.
 *
 * @param name the tensor's name in the graph
 * @param datatype Open Inference Protocol datatype
 * @param shape dimensions (no variable ones)
 * @param data the values, row-major
 */
public record Tensor(String name, String datatype, long[] shape, Object data) {

  /** Number of rows (the first dimension), 1 for a scalar. */
  public long rows() {
    return shape.length == 0 ? 1 : shape[0];
  }

  /** The value at flat index {@code i}, as a double. */
  public double valueAt(int i) {
    return switch (data) {
      case float[] f -> f[i];
      case double[] d -> d[i];
      case int[] n -> n[i];
      case long[] n -> n[i];
      default -> throw new IllegalStateException("unsupported tensor data " + data.getClass());
    };
  }
}
