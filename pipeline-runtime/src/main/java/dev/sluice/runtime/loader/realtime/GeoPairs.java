package dev.sluice.runtime.loader.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Geo points a contract declares from pairs of numeric fields of {@code data}, with the schema
 * extension keyword {@code x-sluice-geo} at the schema's root:
 *
 * <pre>
 * "x-sluice-geo": {"origin_location": {"lat": "origin_lat", "lon": "origin_lon"}}
 * </pre>
 *
 * The loader then adds {@code data.origin_location = {"lat": …, "lon": …}}, mapped as {@code
 * geo_point}, to every document where both fields are numbers.
 *
 * @param points target field → (latitude field, longitude field)
 */
record GeoPairs(Map<String, Pair> points) {
  static final GeoPairs NONE = new GeoPairs(Map.of());
  static final String KEYWORD = "x-sluice-geo";

  /**
   * @param lat the latitude field of data
   * @param lon the longitude field of data
   */
  record Pair(String lat, String lon) {}

  /**
   * @throws IllegalArgumentException naming {@code x-sluice-geo} when it is not an object of {@code
   *     {"lat": field, "lon": field}} objects
   */
  static GeoPairs of(JsonNode schema) {
    JsonNode declared = schema.path(KEYWORD);
    if (declared.isMissingNode()) {
      return NONE;
    }
    if (!declared.isObject()) {
      throw new IllegalArgumentException(KEYWORD + " must be an object");
    }
    Map<String, Pair> points = new LinkedHashMap<>();
    declared
        .properties()
        .forEach(
            e -> {
              String lat = e.getValue().path("lat").asText("");
              String lon = e.getValue().path("lon").asText("");
              if (lat.isEmpty() || lon.isEmpty()) {
                throw new IllegalArgumentException(
                    KEYWORD + "." + e.getKey() + " needs string fields lat and lon");
              }
              points.put(e.getKey(), new Pair(lat, lon));
            });
    return new GeoPairs(Map.copyOf(points));
  }

  void addTo(ObjectNode data) {
    points.forEach(
        (field, pair) -> {
          JsonNode lat = data.get(pair.lat());
          JsonNode lon = data.get(pair.lon());
          if (lat != null && lon != null && lat.isNumber() && lon.isNumber()) {
            data.putObject(field).put("lat", lat.doubleValue()).put("lon", lon.doubleValue());
          }
        });
  }
}
