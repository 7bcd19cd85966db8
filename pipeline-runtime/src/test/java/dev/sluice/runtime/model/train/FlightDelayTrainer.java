package dev.sluice.runtime.model.train;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.runtime.model.features.FeatureExtractor;
import dev.sluice.runtime.model.features.FeatureSpec;
import dev.sluice.runtime.model.registry.ModelMetadata;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.Trainer;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.classification.sgd.fm.FMClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Trains one version of the flight-delay classifier with Tribuo, evaluates it on held-out flights,
 * exports it to ONNX and checks that ONNX Runtime gives the same probabilities as Tribuo.
 */
final class FlightDelayTrainer {
  static final String DELAYED = "delayed";
  static final String ON_TIME = "on-time";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long SEED = 20010101L;

  private final String version;
  private final List<FeatureSpec> inputColumns;
  private final List<FeatureSpec> features;
  private final long[] columns;
  private final String framework;
  private final Function<Integer, Trainer<Label>> trainer;

  /** A trained version: its registry metadata and ONNX bytes. */
  record TrainedVersion(ModelMetadata metadata, byte[] onnx) {}

  private FlightDelayTrainer(
      String version,
      List<FeatureSpec> inputColumns,
      List<String> used,
      String framework,
      Function<Integer, Trainer<Label>> trainer) {
    this.version = version;
    this.inputColumns = inputColumns;
    List<String> names = inputColumns.stream().map(FeatureSpec::name).toList();
    this.columns = new long[used.size()];
    List<FeatureSpec> selected = new ArrayList<>();
    for (int i = 0; i < columns.length; i++) {
      columns[i] = names.indexOf(used.get(i));
      if (columns[i] < 0) {
        throw new IllegalArgumentException("no input column " + used.get(i));
      }
      selected.add(inputColumns.get((int) columns[i]));
    }
    this.features = List.copyOf(selected);
    this.framework = framework;
    this.trainer = trainer;
  }

  /** Logistic regression, AdaGrad, 3 epochs. */
  static FlightDelayTrainer logistic(
      String version, List<FeatureSpec> inputColumns, List<String> used) {
    return new FlightDelayTrainer(
        version,
        inputColumns,
        used,
        "tribuo 4.3.2 LinearSGDModel (logistic regression, AdaGrad)",
        rows -> new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(0.1, 0.1), 3, rows, 1, SEED));
  }

  /** Factorization machine (pairwise feature interactions of rank 6), AdaGrad, 3 epochs. */
  static FlightDelayTrainer factorizationMachine(
      String version, List<FeatureSpec> inputColumns, List<String> used) {
    return new FlightDelayTrainer(
        version,
        inputColumns,
        used,
        "tribuo 4.3.2 FMClassificationModel (factorization machine, rank 6, AdaGrad)",
        rows ->
            new FMClassificationTrainer(
                new LogMulticlass(), new AdaGrad(0.1, 0.1), 3, rows, 1, SEED, 6, 0.1));
  }

  /**
   * @param train training flights (enriched shape, see {@link FlightRows})
   * @param test held-out flights
   * @param source the data the rows came from, for the metadata
   */
  TrainedVersion train(List<ObjectNode> train, List<ObjectNode> test, String source)
      throws Exception {
    FeatureExtractor extractor = new FeatureExtractor(features);
    float[][] trainX = rows(extractor, train);
    float[][] testX = rows(extractor, test);
    Standardisation scale = Standardisation.of(trainX);
    MutableDataset<Label> trainSet = dataset(scale, trainX, train);
    MutableDataset<Label> testSet = dataset(scale, testX, test);

    Model<Label> model = trainer.apply(train.size()).train(trainSet);
    checkColumnOrder(model);
    LabelEvaluation eval = new LabelEvaluator().evaluate(model, testSet);
    ImmutableOutputInfo<Label> labels = model.getOutputIDInfo();
    List<String> labelOrder = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      labelOrder.add(labels.getOutput(i).getLabel());
    }
    @SuppressWarnings("unchecked")
    byte[] onnx =
        StandardisedOnnxExport.export(
            (Model<Label> & ONNXExportable) model,
            inputColumns.size(),
            columns,
            scale.mean(),
            scale.std(),
            labels.size(),
            Long.parseLong(version));
    double maxDiff =
        parity(
            onnx,
            model,
            testSet,
            rows(new FeatureExtractor(inputColumns), test),
            labelOrder.indexOf(DELAYED));
    if (maxDiff > 1e-4) {
      throw new IllegalStateException("ONNX and Tribuo disagree by " + maxDiff);
    }

    long delayed = test.stream().filter(r -> r.get("delay").asLong() > 15).count();
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("accuracy", round(eval.accuracy()));
    metrics.put("auc", round(eval.AUCROC(new Label(DELAYED))));
    metrics.put("majorityClassAccuracy", round(1.0 - (double) delayed / test.size()));
    metrics.put("heldOutRows", test.size());
    metrics.put("onnxMaxAbsDifference", maxDiff);
    Map<String, Object> window = new LinkedHashMap<>();
    window.put("source", source);
    window.put("featuresUsed", features.stream().map(FeatureSpec::name).toList());
    window.put("trainFrom", TrainFlightDelay.TRAIN_FROM);
    window.put("trainTo", TrainFlightDelay.TRAIN_TO);
    window.put("trainRows", train.size());
    window.put("heldOutFrom", TrainFlightDelay.TEST_FROM);
    window.put("heldOutTo", TrainFlightDelay.TEST_TO);
    ModelMetadata metadata =
        new ModelMetadata(
            TrainFlightDelay.MODEL,
            version,
            Instant.now().toString(),
            framework,
            "P(departure delay > 15 minutes); labels " + labelOrder,
            List.of(
                new ModelMetadata.Tensor(
                    StandardisedOnnxExport.INPUT,
                    "FP32",
                    List.of(-1L, (long) inputColumns.size()),
                    inputColumns,
                    null)),
            List.of(
                new ModelMetadata.Tensor(
                    StandardisedOnnxExport.OUTPUT,
                    "FP32",
                    List.of(-1L, (long) labels.size()),
                    null,
                    labelOrder)),
            JSON.valueToTree(metrics),
            JSON.valueToTree(window));
    return new TrainedVersion(metadata, onnx);
  }

  private static float[][] rows(FeatureExtractor extractor, List<ObjectNode> data) {
    float[][] x = new float[data.size()][];
    for (int i = 0; i < x.length; i++) {
      x[i] = extractor.extract(data.get(i));
    }
    return x;
  }

  private MutableDataset<Label> dataset(
      Standardisation scale, float[][] x, List<? extends JsonNode> rows) {
    LabelFactory factory = new LabelFactory();
    MutableDataset<Label> set =
        new MutableDataset<>(new SimpleDataSourceProvenance("flights", factory), factory);
    String[] names = columnNames();
    for (int i = 0; i < x.length; i++) {
      Label label = new Label(rows.get(i).get("delay").asLong() > 15 ? DELAYED : ON_TIME);
      set.add(new ArrayExample<>(label, names, scale.apply(x[i])));
    }
    return set;
  }

  /** Tribuo numbers features by sorted name, so zero-padded indices keep the column order. */
  private String[] columnNames() {
    String[] names = new String[features.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = String.format("f%02d_%s", i, features.get(i).name());
    }
    return names;
  }

  private void checkColumnOrder(Model<Label> model) {
    String[] names = columnNames();
    for (int i = 0; i < names.length; i++) {
      if (model.getFeatureIDMap().getID(names[i]) != i) {
        throw new IllegalStateException("feature " + names[i] + " is not column " + i);
      }
    }
  }

  /** Largest |P_onnx(delayed) - P_tribuo(delayed)| over the first 2000 held-out rows. */
  private static double parity(
      byte[] onnx, Model<Label> model, MutableDataset<Label> testSet, float[][] x, int column)
      throws Exception {
    int n = Math.min(2000, x.length);
    int k = x[0].length;
    FloatBuffer buf = FloatBuffer.allocate(n * k);
    for (int i = 0; i < n; i++) {
      buf.put(x[i]);
    }
    buf.flip();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    double max = 0;
    try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions());
        OnnxTensor in = OnnxTensor.createTensor(env, buf, new long[] {n, k});
        OrtSession.Result out = session.run(Map.of(StandardisedOnnxExport.INPUT, in))) {
      float[][] p = (float[][]) out.get(0).getValue();
      for (int i = 0; i < n; i++) {
        Prediction<Label> pred = model.predict(testSet.getExample(i));
        double tribuo = pred.getOutputScores().get(DELAYED).getScore();
        max = Math.max(max, Math.abs(p[i][column] - tribuo));
      }
    }
    return max;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
