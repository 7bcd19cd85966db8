package dev.sluice.runtime.model.server;

/**
 * A loaded, warmed-up model version with what serving it needs.
 *
 * @param onnx the ONNX Runtime session
 * @param parser request checks against its inputs
 * @param metrics its metrics
 * @param limiter bound on concurrent inferences
 */
record ServedModel(
    OnnxModel onnx, InferRequestParser parser, ModelServerMetrics metrics, InFlight limiter) {

  String name() {
    return onnx.metadata().name();
  }

  String version() {
    return onnx.metadata().version();
  }
}
