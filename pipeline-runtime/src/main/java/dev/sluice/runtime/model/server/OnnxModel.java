package dev.sluice.runtime.model.server;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.sluice.runtime.model.registry.ModelMetadata;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One loaded ONNX model version in an ONNX Runtime (CPU) session. {@link #run} is thread-safe (ONNX
 * Runtime sessions allow concurrent runs). Inputs and outputs are the graph's own declarations.
 */
public final class OnnxModel implements AutoCloseable {
  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final ModelMetadata metadata;
  private final Map<String, TensorSpec> inputs = new LinkedHashMap<>();
  private final Map<String, TensorSpec> outputs = new LinkedHashMap<>();

  /**
   * @param onnx the serialised model
   * @param metadata its registry metadata
   * @throws OrtException when ONNX Runtime cannot load it
   * @throws IllegalArgumentException when an input or output has a type this server does not serve
   */
  public OnnxModel(byte[] onnx, ModelMetadata metadata) throws OrtException {
    OrtSession.SessionOptions options = new OrtSession.SessionOptions();
    // Small tabular models: one thread per run; concurrency comes from concurrent requests.
    options.setIntraOpNumThreads(1);
    options.setInterOpNumThreads(1);
    this.session = env.createSession(onnx, options);
    this.metadata = metadata;
    describe(session.getInputInfo(), inputs);
    describe(session.getOutputInfo(), outputs);
  }

  public ModelMetadata metadata() {
    return metadata;
  }

  public Map<String, TensorSpec> inputs() {
    return inputs;
  }

  public Map<String, TensorSpec> outputs() {
    return outputs;
  }

  /**
   * Runs the model.
   *
   * @param given one tensor per model input (checked by {@link InferRequestParser})
   * @return every output, in the graph's order
   */
  public List<Tensor> run(List<Tensor> given) throws OrtException {
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      for (Tensor t : given) {
        feed.put(t.name(), toOrt(t));
      }
      List<Tensor> out = new ArrayList<>();
      try (OrtSession.Result result = session.run(feed)) {
        for (Map.Entry<String, OnnxValue> e : result) {
          OnnxTensor value = (OnnxTensor) e.getValue();
          out.add(fromOrt(e.getKey(), value));
        }
      }
      return out;
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  /** One inference of a row of zeros per input, so the first real request does not pay set-up. */
  public void warmUp() throws OrtException {
    List<Tensor> zeros = new ArrayList<>();
    for (TensorSpec spec : inputs.values()) {
      long[] shape = spec.shape().clone();
      long n = 1;
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shape[i] < 0 ? 1 : shape[i];
        n *= shape[i];
      }
      zeros.add(
          new Tensor(
              spec.name(), spec.datatype(), shape, Datatypes.zeros(spec.datatype(), (int) n)));
    }
    run(zeros);
  }

  private OnnxTensor toOrt(Tensor t) throws OrtException {
    return switch (t.data()) {
      case float[] f -> OnnxTensor.createTensor(env, FloatBuffer.wrap(f), t.shape());
      case double[] d -> OnnxTensor.createTensor(env, DoubleBuffer.wrap(d), t.shape());
      case int[] n -> OnnxTensor.createTensor(env, IntBuffer.wrap(n), t.shape());
      case long[] n -> OnnxTensor.createTensor(env, LongBuffer.wrap(n), t.shape());
      default -> throw new IllegalArgumentException("unsupported data for input " + t.name());
    };
  }

  private static Tensor fromOrt(String name, OnnxTensor value) {
    TensorInfo info = value.getInfo();
    long[] shape = info.getShape();
    Object data =
        switch (info.type) {
          case FLOAT -> copy(value.getFloatBuffer());
          case DOUBLE -> copy(value.getDoubleBuffer());
          case INT32 -> copy(value.getIntBuffer());
          case INT64 -> copy(value.getLongBuffer());
          default -> throw new IllegalStateException("output " + name + " has type " + info.type);
        };
    return new Tensor(name, Datatypes.of(info.type), shape, data);
  }

  private static float[] copy(FloatBuffer b) {
    float[] a = new float[b.remaining()];
    b.get(a);
    return a;
  }

  private static double[] copy(DoubleBuffer b) {
    double[] a = new double[b.remaining()];
    b.get(a);
    return a;
  }

  private static int[] copy(IntBuffer b) {
    int[] a = new int[b.remaining()];
    b.get(a);
    return a;
  }

  private static long[] copy(LongBuffer b) {
    long[] a = new long[b.remaining()];
    b.get(a);
    return a;
  }

  private static void describe(Map<String, NodeInfo> nodes, Map<String, TensorSpec> into) {
    for (NodeInfo node : nodes.values()) {
      if (!(node.getInfo() instanceof TensorInfo info)) {
        throw new IllegalArgumentException(
            "model tensor " + node.getName() + " is not a tensor; only tensors are served");
      }
      OnnxJavaType type = info.type;
      into.put(node.getName(), new TensorSpec(node.getName(), Datatypes.of(type), info.getShape()));
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // The session's native memory is released either way when the process ends.
    }
  }
}
