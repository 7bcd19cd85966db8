package dev.sluice.runtime.model.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** Converts the JSON values of an input's {@code data} into the typed array of its datatype. */
final class TensorData {
  private TensorData() {}

  /**
   * @throws InvalidInputException naming the input and the flat index of a value that is not a
   *     number of the datatype
   */
  static Object of(String input, String datatype, List<JsonNode> values) {
    int n = values.size();
    switch (datatype) {
      case "FP32" -> {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
          a[i] = (float) number(input, values, i);
        }
        return a;
      }
      case "FP64" -> {
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
          a[i] = number(input, values, i);
        }
        return a;
      }
      case "INT32" -> {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
          a[i] = (int) integer(input, values, i, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
        return a;
      }
      case "INT64" -> {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
          a[i] = integer(input, values, i, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        return a;
      }
      default -> throw new InvalidInputException("input '" + input + "': datatype " + datatype);
    }
  }

  private static double number(String input, List<JsonNode> values, int i) {
    JsonNode v = values.get(i);
    if (!v.isNumber()) {
      throw new InvalidInputException("input '" + input + "': data[" + i + "] is not a number");
    }
    return v.doubleValue();
  }

  private static long integer(String input, List<JsonNode> values, int i, long min, long max) {
    JsonNode v = values.get(i);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
      throw new InvalidInputException(
          "input '" + input + "': data[" + i + "] is not an integer of its datatype");
    }
    return v.asLong();
  }
}
