package dev.sluice.runtime.model.batch;

import dev.sluice.runtime.model.features.FeatureExtractor;
import dev.sluice.runtime.model.registry.ModelMetadata;
import dev.sluice.runtime.model.server.OnnxModel;
import dev.sluice.runtime.model.server.Tensor;
import dev.sluice.runtime.model.server.TensorSpec;
import java.util.List;

/**
 * A model as the batch job runs it: its one FP32 input computed from each row's {@code data} by the
 * metadata's features (the same {@link FeatureExtractor} as training and stream mode), its first
 * output read as one score row per input row.
 */
final class BatchModel implements AutoCloseable {
  private final OnnxModel onnx;
  private final TensorSpec input;
  private final FeatureExtractor features;
  private final List<String> labels;

  /**
   * @throws IllegalArgumentException when the model has not exactly one FP32 input whose metadata
   *     lists its features
   */
  BatchModel(OnnxModel onnx) {
    ModelMetadata metadata = onnx.metadata();
    if (onnx.inputs().size() != 1
        || metadata.inputs().size() != 1
        || metadata.inputs().getFirst().features() == null
        || !"FP32".equals(onnx.inputs().values().iterator().next().datatype())) {
      throw new IllegalArgumentException(
          "batch mode needs a model with one FP32 input whose metadata.json lists its features");
    }
    this.onnx = onnx;
    this.input = onnx.inputs().values().iterator().next();
    this.features = new FeatureExtractor(metadata.inputs().getFirst().features());
    List<String> declared = metadata.outputs().getFirst().labels();
    this.labels = declared == null ? List.of() : declared;
  }

  FeatureExtractor features() {
    return features;
  }

  /** The class of each column of the first output, or empty when the metadata names none. */
  List<String> labels() {
    return labels;
  }

  String name() {
    return onnx.metadata().name();
  }

  String version() {
    return onnx.metadata().version();
  }

  /**
   * Runs {@code rows} feature rows (row-major in {@code values}) as one batch.
   *
   * @return the first output, {@code [rows, k]}
   */
  Tensor predict(float[] values, int rows) throws Exception {
    float[] batch = values.length == rows * features.width() ? values : slice(values, rows);
    return onnx.run(
            List.of(new Tensor(input.name(), "FP32", new long[] {rows, features.width()}, batch)))
        .getFirst();
  }

  private float[] slice(float[] values, int rows) {
    return java.util.Arrays.copyOf(values, rows * features.width());
  }

  @Override
  public void close() {
    onnx.close();
  }
}
