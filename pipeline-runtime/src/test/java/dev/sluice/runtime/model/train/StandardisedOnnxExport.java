package dev.sluice.runtime.model.train;

import ai.onnx.proto.OnnxMl;
import java.util.Map;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.classification.Label;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;

/**
 * Exports a Tribuo model trained on standardised features as one ONNX graph that takes the raw
 * features: {@code features [batch, k] FP32 → (x - mean) / std → the model's graph → probabilities
 * [batch, classes] FP32}. Serving clients then send plain numbers.
 */
final class StandardisedOnnxExport {
  static final String INPUT = "features";
  static final String OUTPUT = "probabilities";

  private StandardisedOnnxExport() {}

  /**
   * @param model a Tribuo model that exports ONNX, with feature ids 0..k-1 in column order
   * @param width number of input columns n
   * @param columns the k input columns the model uses, in its feature order
   * @param mean per-column mean of the training data
   * @param std per-column standard deviation of the training data (no zero)
   * @param classes number of output classes
   * @return the serialised ONNX model
   */
  static <M extends Model<Label> & ONNXExportable> byte[] export(
      M model,
      int width,
      long[] columns,
      float[] mean,
      float[] std,
      int classes,
      long modelVersion) {
    ONNXContext ctx = new ONNXContext();
    ONNXPlaceholder input = ctx.floatInput(INPUT, width);
    ONNXNode scaled =
        input
            .apply(ONNXOperators.GATHER, ctx.array("model_columns", columns), Map.of("axis", 1))
            .apply(ONNXOperators.SUB, ctx.array("feature_mean", mean))
            .apply(ONNXOperators.DIV, ctx.array("feature_std", std));
    ONNXNode probabilities = model.writeONNXGraph(scaled);
    probabilities.assignTo(ctx.floatOutput(OUTPUT, classes));
    OnnxMl.ModelProto proto = ONNXExportable.buildModel(ctx, "dev.sluice", modelVersion, model);
    return proto.toByteArray();
  }
}
