package dev.sluice.runtime.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/** Reads what a test indexed, over the search cluster's REST API. */
public final class SearchQueries {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public SearchQueries(String base) {
    this.base = base;
  }

  /** Documents of the indices matching {@code pattern} (refreshed first), optionally a query. */
  public long count(String pattern, String luceneQuery) {
    get(pattern + "/_refresh?ignore_unavailable=true&allow_no_indices=true", "POST");
    String q =
        luceneQuery == null ? "" : "&q=" + URLEncoder.encode(luceneQuery, StandardCharsets.UTF_8);
    JsonNode r = get(pattern + "/_count?ignore_unavailable=true&allow_no_indices=true" + q, "GET");
    return r.path("count").asLong(-1);
  }

  /** The {@code _id}s of the indices matching {@code pattern} (at most 10000). */
  public Set<String> ids(String pattern) {
    get(pattern + "/_refresh", "POST");
    JsonNode r = get(pattern + "/_search?size=10000&_source=false", "GET");
    Set<String> ids = new HashSet<>();
    r.path("hits").path("hits").forEach(h -> ids.add(h.path("_id").asText()));
    return ids;
  }

  /** The mapping of one field, e.g. {@code data.delay}, in index {@code index}. */
  public String fieldType(String index, String field) {
    JsonNode r = get(index + "/_mapping/field/" + field, "GET");
    JsonNode mapping = r.path(index).path("mappings").path(field).path("mapping");
    String leaf = field.substring(field.lastIndexOf('.') + 1);
    return mapping.path(leaf).path("type").asText(null);
  }

  /** One document's source. */
  public JsonNode source(String index, String id) {
    return get(index + "/_doc/" + URLEncoder.encode(id, StandardCharsets.UTF_8), "GET")
        .path("_source");
  }

  /** Deletes indices matching {@code pattern}. */
  public void delete(String pattern) {
    get(pattern + "?ignore_unavailable=true", "DELETE");
  }

  private JsonNode get(String path, String method) {
    try {
      HttpResponse<byte[]> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/" + path))
                  .method(method, HttpRequest.BodyPublishers.noBody())
                  .timeout(Duration.ofSeconds(30))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      return JSON.readTree(r.body());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed", e);
    }
  }
}
