package dev.sluice.runtime.model.server;

import ai.onnxruntime.OnnxJavaType;

/** Open Inference Protocol datatype names of the ONNX tensor types this server serves. */
final class Datatypes {
  private Datatypes() {}

  /**
   * @throws IllegalArgumentException for a type other than float, double, int32 and int64
   */
  static String of(OnnxJavaType type) {
    return switch (type) {
      case FLOAT -> "FP32";
      case DOUBLE -> "FP64";
      case INT32 -> "INT32";
      case INT64 -> "INT64";
      default ->
          throw new IllegalArgumentException(
              "ONNX type " + type + " is not served (FP32, FP64, INT32, INT64 are)");
    };
  }

  /** A zero-filled array of {@code n} values of {@code datatype}. */
  static Object zeros(String datatype, int n) {
    return switch (datatype) {
      case "FP32" -> new float[n];
      case "FP64" -> new double[n];
      case "INT32" -> new int[n];
      case "INT64" -> new long[n];
      default -> throw new IllegalArgumentException("datatype " + datatype);
    };
  }
}
