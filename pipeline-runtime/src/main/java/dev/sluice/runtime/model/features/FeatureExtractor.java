package dev.sluice.runtime.model.features;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Turns an event's {@code data} object into one row of a model's FP32 input tensor, column {@code
 * i} computed by feature {@code i}.
 */
public final class FeatureExtractor {
  private final List<FeatureSpec> features;

  public FeatureExtractor(List<FeatureSpec> features) {
    if (features.isEmpty()) {
      throw new IllegalArgumentException("a feature extractor needs at least one feature");
    }
    this.features = List.copyOf(features);
  }

  /** Number of columns of a row. */
  public int width() {
    return features.size();
  }

  /**
   * Writes one row into {@code row} starting at {@code offset}.
   *
   * @param data the event's {@code data}, a JSON object
   * @throws FeatureException naming the field when it is absent, null or does not fit its transform
   */
  public void extract(JsonNode data, float[] row, int offset) {
    if (data == null || !data.isObject()) {
      throw new FeatureException("", "data is not a JSON object");
    }
    for (int i = 0; i < features.size(); i++) {
      FeatureSpec f = features.get(i);
      JsonNode value = data.get(f.field());
      if (value == null || value.isNull()) {
        throw new FeatureException(f.field(), "field '" + f.field() + "' is missing");
      }
      try {
        row[offset + i] = (float) f.transform().apply(value);
      } catch (IllegalArgumentException e) {
        throw new FeatureException(f.field(), "field '" + f.field() + "': " + e.getMessage());
      }
    }
  }

  /** A new row for {@code data}. */
  public float[] extract(JsonNode data) {
    float[] row = new float[features.size()];
    extract(data, row, 0);
    return row;
  }
}
