package dev.sluice.runtime.model.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Compares two Open Inference Protocol inference answers output by output (by name). Without a
 * tolerance, an output of shape {@code [rows, k]} with k > 1 (class scores) agrees when every row
 * has the same argmax (the same predicted class), any other output when every value differs by at
 * most {@link #EXACT}. With a tolerance, they agree when no value differs by more than it (e.g.
 * 0.05 for probabilities: a classifier whose classes are rarely predicted agrees on argmax almost
 * always, yet its probabilities may have moved). A missing output, another shape or an unreadable
 * answer is an error.
 */
final class AnswerComparator {
  /** Largest difference of two values that are the same number as JSON carried them. */
  static final double EXACT = 1e-6;

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Double tolerance;

  /**
   * @param tolerance largest absolute difference that agrees, or null for argmax comparison
   */
  AnswerComparator(Double tolerance) {
    this.tolerance = tolerance;
  }

  ShadowComparison compare(byte[] stable, byte[] shadow) {
    try {
      JsonNode a = JSON.readTree(stable).path("outputs");
      JsonNode b = JSON.readTree(shadow).path("outputs");
      if (!a.isArray() || a.isEmpty() || !b.isArray()) {
        return ShadowComparison.error;
      }
      boolean agree = true;
      for (JsonNode out : a) {
        JsonNode other = byName(b, out.path("name").asText());
        if (other == null || !out.path("shape").equals(other.path("shape"))) {
          return ShadowComparison.error;
        }
        agree &= agree(out.path("shape"), out.path("data"), other.path("data"));
      }
      return agree ? ShadowComparison.agree : ShadowComparison.disagree;
    } catch (IOException | RuntimeException e) {
      return ShadowComparison.error;
    }
  }

  private boolean agree(JsonNode shape, JsonNode a, JsonNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    int k = shape.size() >= 2 ? shape.get(shape.size() - 1).asInt() : 1;
    if (k <= 1 || tolerance != null) {
      double limit = tolerance == null ? EXACT : tolerance;
      for (int i = 0; i < a.size(); i++) {
        if (Math.abs(a.get(i).asDouble() - b.get(i).asDouble()) > limit) {
          return false;
        }
      }
      return true;
    }
    for (int row = 0; row < a.size() / k; row++) {
      if (argmax(a, row, k) != argmax(b, row, k)) {
        return false;
      }
    }
    return true;
  }

  private static int argmax(JsonNode data, int row, int k) {
    int best = 0;
    for (int c = 1; c < k; c++) {
      if (data.get(row * k + c).asDouble() > data.get(row * k + best).asDouble()) {
        best = c;
      }
    }
    return best;
  }

  private static JsonNode byName(JsonNode outputs, String name) {
    for (JsonNode o : outputs) {
      if (name.equals(o.path("name").asText())) {
        return o;
      }
    }
    return null;
  }
}
