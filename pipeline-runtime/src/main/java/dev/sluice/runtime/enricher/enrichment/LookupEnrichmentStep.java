package dev.sluice.runtime.enricher.enrichment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.v1alpha1.LookupEnrichment;
import dev.sluice.api.v1alpha1.TableSource;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.contracts.FileStamp;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the columns of the lookup-table row whose key column equals {@code data[field]}, each under
 * its target field. A missing field or a key not in the table is an enrichment failure.
 *
 * <p>Each row's added members are rendered as JSON once, when the table is loaded ({@link
 * AddedMembers}), so an enriched event is written by appending them to its original data rather
 * than serializing its data again.
 *
 * <p>The table is read again when its file changes ({@link #refresh()}: path with symlinks
 * resolved, modification time, size — which sees Kubernetes swapping the {@code ..data} symlink of
 * a mounted ConfigMap); the new table applies to the next event. A changed file that cannot be used
 * is refused with an ERROR log naming it, and the previous table stays in use.
 */
public final class LookupEnrichmentStep implements EnrichmentStep {
  private static final Logger LOG = LoggerFactory.getLogger(LookupEnrichmentStep.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String name;
  private final LookupEnrichment spec;
  private final Path file;
  private final String field;
  private final AtomicLong refusals = new AtomicLong();
  private volatile Loaded loaded;
  private FileStamp stamp;

  /** A table and each of its rows' added members, rendered; replaced together on reload. */
  private record Loaded(LookupTable table, Map<String, AddedMembers> members) {}

  private LookupEnrichmentStep(
      String name, LookupEnrichment spec, Path file, String field, FileStamp stamp) {
    this.name = name;
    this.spec = spec;
    this.file = file;
    this.field = field;
    this.stamp = stamp;
    this.loaded = load();
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
    return new LookupEnrichmentStep(name, spec, file, field, FileStamp.of(file));
  }

  /**
   * Reads the table again if its file changed since it was last read (or refused). Called by one
   * thread at a time.
   */
  @Override
  public synchronized void refresh() {
    FileStamp now = FileStamp.of(file);
    if (now.equals(stamp)) {
      return;
    }
    stamp = now;
    try {
      Loaded next = load();
      loaded = next;
      LOG.info(
          "lookup table of {} reloaded from {}: {} rows", name, file, next.table().rows().size());
    } catch (RuntimeException e) {
      refusals.incrementAndGet();
      String why =
          e instanceof ConfigException
              ? e.getMessage()
              : field + ".table: file " + file + " cannot be read: " + e;
      // Formatted here: the log line must name the file whatever the log encoder does with args.
      LOG.error(why + "; enrichment " + name + " keeps its previous table");
    }
  }

  /** Rows of the table in use. */
  public int rows() {
    return loaded.table().rows().size();
  }

  /** Changed table files refused since start (each change counted once). */
  public long refusals() {
    return refusals.get();
  }

  private Loaded load() {
    LookupTable table =
        LookupTableLoader.load(
            file, spec.getFormat(), spec.getKeyColumn(), spec.getColumns().keySet(), field);
    Map<String, AddedMembers> members = new HashMap<>();
    table.rows().forEach((key, row) -> members.put(key, render(row)));
    return new Loaded(table, Map.copyOf(members));
  }

  /** The members {@link #apply} adds for {@code row}, as JSON without the braces. */
  private AddedMembers render(Map<String, JsonNode> row) {
    ObjectNode members = JSON.createObjectNode();
    spec.getColumns().forEach((column, target) -> members.set(target, row.get(column)));
    try {
      byte[] object = JSON.writeValueAsBytes(members);
      return new AddedMembers(Arrays.copyOfRange(object, 1, object.length - 1), members.size());
    } catch (JsonProcessingException e) {
      throw new ConfigException(field + ": a row of table " + file + " cannot be written", e);
    }
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
  public CompletableFuture<AddedMembers> apply(ObjectNode data) {
    JsonNode key = data.get(spec.getField());
    if (key == null || key.isNull() || key.isContainerNode()) {
      return CompletableFuture.failedFuture(
          new EnrichmentException(
              "data." + spec.getField() + " is missing or not a value", pointer()));
    }
    Loaded current = loaded;
    LookupTable table = current.table();
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
    boolean allNew = true;
    for (Map.Entry<String, String> column : spec.getColumns().entrySet()) {
      allNew &= !data.has(column.getValue());
      data.set(column.getValue(), row.get(column.getKey()));
    }
    // A field that replaced one already in the data cannot be appended: the data is rewritten.
    return CompletableFuture.completedFuture(allNew ? current.members().get(key.asText()) : null);
  }

  private String pointer() {
    return "/data/" + spec.getField();
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "...";
  }
}
