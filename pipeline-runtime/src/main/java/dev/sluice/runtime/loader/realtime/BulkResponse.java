package dev.sluice.runtime.loader.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a {@code _bulk} response body: {@code {"errors": bool, "items": [{"index": {"status": n,
 * "error": {"type": …, "reason": …}}}, …]}}, one item per action, in request order.
 */
final class BulkResponse {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param body the response body
   * @param expected the number of actions sent
   * @return one result per action, in request order
   * @throws IOException when the body is not a bulk response for {@code expected} actions
   */
  static List<BulkItemResult> parse(byte[] body, int expected) throws IOException {
    JsonNode items = JSON.readTree(body).path("items");
    if (!items.isArray() || items.size() != expected) {
      throw new IOException(
          "_bulk response has " + items.size() + " items for " + expected + " actions");
    }
    List<BulkItemResult> results = new ArrayList<>(expected);
    for (JsonNode item : items) {
      JsonNode action = item.elements().hasNext() ? item.elements().next() : item;
      JsonNode error = action.path("error");
      results.add(
          new BulkItemResult(
              action.path("status").asInt(0),
              error.isMissingNode() ? null : error.path("type").asText(null),
              error.isMissingNode() ? null : reason(error)));
    }
    return results;
  }

  private static String reason(JsonNode error) {
    String reason = error.path("reason").asText("");
    JsonNode cause = error.path("caused_by");
    if (!cause.isMissingNode()) {
      reason +=
          " (caused by " + cause.path("type").asText() + ": " + cause.path("reason").asText() + ")";
    }
    return reason;
  }

  private BulkResponse() {}
}
