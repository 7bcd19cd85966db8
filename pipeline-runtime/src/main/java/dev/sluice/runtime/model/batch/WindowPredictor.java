package dev.sluice.runtime.model.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.model.features.FeatureException;
import dev.sluice.runtime.model.server.Tensor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Predicts the curated rows of one window, hour by hour, in batches of {@code batchSize} rows:
 * computes each row's features from its {@code data}, runs full batches through the model and
 * appends their predictions to the hour's {@link PredictionsFile}. A row whose features cannot be
 * computed is counted and (up to a limit) listed as a {@link PredictionReport.Rejection} — never
 * dropped unnoticed.
 */
final class WindowPredictor {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BatchModel model;
  private final int batchSize;
  private final int maxListed;
  private final float[] values;
  private final List<CuratedRows.Row> pending = new ArrayList<>();
  private final List<PredictionReport.Rejection> rejections = new ArrayList<>();
  private final Map<String, Long> classes = new TreeMap<>();
  private PredictionsFile out;
  private String objectName;
  private long rows;
  private long predicted;
  private long rejected;

  WindowPredictor(BatchModel model, int batchSize, int maxListed) {
    this.model = model;
    this.batchSize = batchSize;
    this.maxListed = maxListed;
    this.values = new float[batchSize * model.features().width()];
  }

  /**
   * Predicts the rows of {@code input} into {@code target}; call once per hour.
   *
   * @param objectNames maps a local file name to the object key it was downloaded from
   */
  void predictHour(List<Path> input, Map<String, String> objectNames, PredictionsFile target)
      throws Exception {
    out = target;
    CuratedRows.read(
        input,
        row -> {
          objectName = objectNames.getOrDefault(row.file(), row.file());
          accept(row);
        });
    flush();
  }

  private void accept(CuratedRows.Row row) throws Exception {
    rows++;
    int width = model.features().width();
    try {
      JsonNode data = row.data() == null ? null : JSON.readTree(row.data());
      model.features().extract(data, values, pending.size() * width);
    } catch (FeatureException e) {
      reject(row, e.field().isEmpty() ? "/data" : "/data/" + e.field(), e.getMessage());
      return;
    } catch (IOException e) {
      reject(row, "/data", "data is not JSON: " + e.getMessage());
      return;
    }
    pending.add(row);
    if (pending.size() == batchSize) {
      flush();
    }
  }

  private void reject(CuratedRows.Row row, String field, String reason) {
    rejected++;
    if (rejections.size() < maxListed) {
      rejections.add(new PredictionReport.Rejection(row.id(), objectName, field, reason));
    }
  }

  private void flush() throws Exception {
    if (pending.isEmpty()) {
      return;
    }
    Tensor output = model.predict(values, pending.size());
    int width = output.shape().length < 2 ? 1 : (int) output.shape()[1];
    float[] scores = output.data() instanceof float[] f ? f : floats(output);
    List<String> labels = model.labels();
    for (int i = 0; i < pending.size(); i++) {
      int best = 0;
      for (int c = 1; c < width; c++) {
        if (scores[i * width + c] > scores[i * width + best]) {
          best = c;
        }
      }
      String label = labels.size() == width ? labels.get(best) : null;
      if (label != null) {
        classes.merge(label, 1L, Long::sum);
      }
      out.add(pending.get(i), model.name(), model.version(), scores, i * width, width, label);
    }
    predicted += pending.size();
    pending.clear();
  }

  private static float[] floats(Tensor output) {
    int n = 1;
    for (long d : output.shape()) {
      n *= (int) d;
    }
    float[] f = new float[n];
    for (int i = 0; i < n; i++) {
      f[i] = (float) output.valueAt(i);
    }
    return f;
  }

  long rows() {
    return rows;
  }

  long predicted() {
    return predicted;
  }

  long rejected() {
    return rejected;
  }

  List<PredictionReport.Rejection> rejections() {
    return rejections;
  }

  Map<String, Long> predictedClasses() {
    return classes;
  }
}
