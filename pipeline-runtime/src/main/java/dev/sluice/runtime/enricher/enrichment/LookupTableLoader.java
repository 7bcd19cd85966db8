package dev.sluice.runtime.enricher.enrichment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.sluice.api.v1alpha1.TableFormat;
import dev.sluice.runtime.config.ConfigException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a lookup table file: CSV with a header row (RFC 4180, via Jackson's CSV dataformat) or a
 * JSON array of objects. In CSV, a selected column whose every non-empty cell looks like a JSON
 * number ({@code -12}, {@code 31.95}, not {@code 007}) becomes numbers; empty cells become null.
 * The first row of a key wins.
 */
public final class LookupTableLoader {
  /** Largest accepted table file, in bytes (64 MiB). */
  public static final long MAX_TABLE_BYTES = 64L * 1024 * 1024;

  private static final Pattern NUMBER =
      Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * @param file the table file
   * @param format csv or json
   * @param keyColumn the column holding the key
   * @param columns the columns to keep
   * @param field where the table is configured, for messages, e.g. {@code
   *     spec.enricher.enrichments[0].lookup}
   * @throws ConfigException naming {@code field} and the file when the file is missing, larger than
   *     {@link #MAX_TABLE_BYTES}, not CSV/JSON of that shape, or lacks the key column or a column
   */
  public static LookupTable load(
      Path file, TableFormat format, String keyColumn, Set<String> columns, String field) {
    try {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException(field + ".table: file " + file + " does not exist");
      }
      long size = Files.size(file);
      if (size > MAX_TABLE_BYTES) {
        throw new ConfigException(
            field
                + ".table: file "
                + file
                + " is "
                + size
                + " bytes, larger than the limit of "
                + MAX_TABLE_BYTES
                + " bytes");
      }
      List<Map<String, JsonNode>> rows =
          format == TableFormat.json ? readJson(file, field) : readCsv(file, columns);
      return index(file, rows, keyColumn, columns, field);
    } catch (IOException e) {
      throw new ConfigException(
          field + ".table: file " + file + " is not valid " + format + ": " + e.getMessage(), e);
    }
  }

  private static List<Map<String, JsonNode>> readCsv(Path file, Set<String> columns)
      throws IOException {
    List<Map<String, String>> cells = new ArrayList<>();
    try (MappingIterator<Map<String, String>> it =
        new CsvMapper()
            .readerForMapOf(String.class)
            .with(CsvSchema.emptySchema().withHeader())
            .readValues(file.toFile())) {
      while (it.hasNext()) {
        cells.add(it.next());
      }
    }
    Set<String> numeric = new java.util.HashSet<>(columns);
    for (Map<String, String> row : cells) {
      numeric.removeIf(c -> row.get(c) != null && !row.get(c).isEmpty() && !isNumber(row.get(c)));
    }
    List<Map<String, JsonNode>> rows = new ArrayList<>(cells.size());
    for (Map<String, String> row : cells) {
      Map<String, JsonNode> values = new HashMap<>();
      row.forEach((column, text) -> values.put(column, cell(text, numeric.contains(column))));
      rows.add(values);
    }
    return rows;
  }

  private static JsonNode cell(String text, boolean numeric) {
    if (text == null || text.isEmpty()) {
      return NODES.nullNode();
    }
    return numeric ? NODES.numberNode(new BigDecimal(text)) : NODES.textNode(text);
  }

  private static boolean isNumber(String text) {
    return text.length() <= 40 && NUMBER.matcher(text).matches();
  }

  private static List<Map<String, JsonNode>> readJson(Path file, String field) throws IOException {
    JsonNode root = new ObjectMapper().readTree(file.toFile());
    if (root == null || !root.isArray()) {
      throw new ConfigException(field + ".table: file " + file + " is not a JSON array");
    }
    List<Map<String, JsonNode>> rows = new ArrayList<>(root.size());
    for (JsonNode item : root) {
      if (!item.isObject()) {
        throw new ConfigException(
            field + ".table: file " + file + " holds an array item that is not an object");
      }
      Map<String, JsonNode> values = new HashMap<>();
      item.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
      rows.add(values);
    }
    return rows;
  }

  private static LookupTable index(
      Path file,
      List<Map<String, JsonNode>> rows,
      String keyColumn,
      Set<String> columns,
      String field) {
    Set<String> present = new java.util.HashSet<>();
    rows.forEach(r -> present.addAll(r.keySet()));
    if (!rows.isEmpty()) {
      for (String c : concat(keyColumn, columns)) {
        if (!present.contains(c)) {
          throw new ConfigException(
              field + ": table " + file + " has no column '" + c + "'; it has " + present);
        }
      }
    }
    Map<String, Map<String, JsonNode>> byKey = new HashMap<>();
    for (Map<String, JsonNode> row : rows) {
      JsonNode key = row.get(keyColumn);
      if (key == null || key.isNull()) {
        continue;
      }
      Map<String, JsonNode> selected = new LinkedHashMap<>();
      columns.forEach(c -> selected.put(c, row.getOrDefault(c, NODES.nullNode())));
      byKey.putIfAbsent(key.asText(), Map.copyOf(selected));
    }
    return new LookupTable(file.toString(), keyColumn, Map.copyOf(byKey));
  }

  private static List<String> concat(String first, Set<String> rest) {
    List<String> all = new ArrayList<>();
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private LookupTableLoader() {}
}
