package dev.sluice.runtime.model.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * Compares two Open Inference Protocol inference answers output by output (by name). For an output
 * of shape {@code [rows, k]} with k > 1 (class scores) the answers agree when every row has the
 * same argmax (the same predicted class); otherwise when every value differs by at most {@link
 * #TOLERANCE}. A missing output, another shape or an unreadable answer is an error.
 */
final class AnswerComparator {
  /** Largest difference of two single-valued outputs that still agree. */
  static final double TOLERANCE = 1e-6;

  private static final ObjectMapper JSON = new ObjectMapper();

  private AnswerComparator() {}

  static ShadowComparison compare(byte[] stable, byte[] shadow) {
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

  private static boolean agree(JsonNode shape, JsonNode a, JsonNode b) {
    if (a.size() != b.size()) {
      return false;
    }
    int k = shape.size() >= 2 ? shape.get(shape.size() - 1).asInt() : 1;
    if (k <= 1) {
      for (int i = 0; i < a.size(); i++) {
        if (Math.abs(a.get(i).asDouble() - b.get(i).asDouble()) > TOLERANCE) {
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
