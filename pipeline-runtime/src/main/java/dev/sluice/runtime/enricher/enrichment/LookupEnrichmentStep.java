package dev.sluice.runtime.enricher.enrichment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.v1alpha1.LookupEnrichment;
import dev.sluice.api.v1alpha1.TableSource;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Adds the columns of the lookup-table row whose key column equals {@code data[field]}, each under
 * its target field. A missing field or a key not in the table is an enrichment failure.
 */
public final class LookupEnrichmentStep implements EnrichmentStep {
  private final String name;
  private final LookupEnrichment spec;
  private final LookupTable table;

  LookupEnrichmentStep(String name, LookupEnrichment spec, LookupTable table) {
    this.name = name;
    this.spec = spec;
    this.table = table;
  }

  /**
   * Loads the table of {@code spec}: {@code table.path} resolved against the stage configuration's
   * directory, or {@code table.configMapKeyRef} as {@code <tablesDir>/<name>/<key>}.
   *
   * @param field where the step is configured, for messages
   * @throws ConfigException naming the field when the table cannot be used
   */
  public static LookupEnrichmentStep create(
      String name, LookupEnrichment spec, RuntimeConfig config, String field) {
    if (spec.getField() == null || spec.getKeyColumn() == null || spec.getColumns().isEmpty()) {
      throw new ConfigException(field + ": field, keyColumn and columns are required");
    }
    Path file = tableFile(spec.getTable(), config, field);
    LookupTable table =
        LookupTableLoader.load(
            file, spec.getFormat(), spec.getKeyColumn(), spec.getColumns().keySet(), field);
    return new LookupEnrichmentStep(name, spec, table);
  }

  private static Path tableFile(TableSource source, RuntimeConfig config, String field) {
    if (source == null) {
      throw new ConfigException(field + ".table is required");
    }
    if (source.getPath() != null) {
      return config.resolve(source.getPath());
    }
    if (source.getConfigMapKeyRef() != null) {
      return config
          .tablesDir()
          .resolve(source.getConfigMapKeyRef().getName())
          .resolve(source.getConfigMapKeyRef().getKey());
    }
    throw new ConfigException(field + ".table sets neither path nor configMapKeyRef");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletableFuture<Void> apply(ObjectNode data) {
    JsonNode key = data.get(spec.getField());
    if (key == null || key.isNull() || key.isContainerNode()) {
      return CompletableFuture.failedFuture(
          new EnrichmentException(
              "data." + spec.getField() + " is missing or not a value", pointer()));
    }
    Map<String, JsonNode> row = table.row(key.asText()).orElse(null);
    if (row == null) {
      return CompletableFuture.failedFuture(
          new EnrichmentException(
              "no row of table "
                  + table.source()
                  + " has "
                  + table.keyColumn()
                  + " = '"
                  + abbreviate(key.asText())
                  + "'",
              pointer()));
    }
    spec.getColumns().forEach((column, target) -> data.set(target, row.get(column)));
    return CompletableFuture.completedFuture(null);
  }

  private String pointer() {
    return "/data/" + spec.getField();
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
