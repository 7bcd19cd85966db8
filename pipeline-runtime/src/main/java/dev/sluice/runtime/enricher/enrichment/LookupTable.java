package dev.sluice.runtime.enricher.enrichment;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded lookup table: for each key, the selected columns' values as JSON (numbers for columns
 * whose every value looks like a number, strings otherwise, null for empty cells). Immutable; read
 * from many threads.
 *
 * @param source the file it was read from, for messages
 * @param keyColumn the column holding the key
 * @param rows key to (column to value)
 */
public record LookupTable(
    String source, String keyColumn, Map<String, Map<String, JsonNode>> rows) {

  /** The selected columns of the row whose key column equals {@code key}. */
  public Optional<Map<String, JsonNode>> row(String key) {
    return Optional.ofNullable(rows.get(key));
  }
}
