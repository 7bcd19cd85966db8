package dev.sluice.runtime.local;

import dev.sluice.api.v1alpha1.ConfigMapKeyReference;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.DataPipelineSpec;
import dev.sluice.api.v1alpha1.Enrichment;
import dev.sluice.api.v1alpha1.TableSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Collectors;

/** How resources written for a cluster are found on one machine. */
final class LocalResources {

  /**
   * The pipeline to run: the one named, or the only one given.
   *
   * @throws IllegalArgumentException when none or several match, listing the names
   */
  static DevResources.Located<DataPipeline> choosePipeline(DevResources resources, String name) {
    List<DevResources.Located<DataPipeline>> candidates =
        resources.pipelines().stream()
            .filter(p -> name == null || name.equals(p.resource().getMetadata().getName()))
            .toList();
    String all =
        resources.pipelines().stream()
            .map(p -> p.resource().getMetadata().getName())
            .collect(Collectors.joining(", "));
    if (candidates.isEmpty()) {
      throw new IllegalArgumentException(
          name == null
              ? "no DataPipeline among the given files"
              : "no DataPipeline named " + name + " (found: " + all + ")");
    }
    if (candidates.size() > 1) {
      throw new IllegalArgumentException(
          "several DataPipelines (" + all + "): pick one with --pipeline");
    }
    return candidates.get(0);
  }

  /**
   * Makes every lookup table of {@code spec} readable here. A {@code path} becomes absolute
   * (relative to the pipeline's YAML file). A {@code configMapKeyRef} is copied to {@code
   * <tablesDir>/<name>/<key>} from a ConfigMap among the given files, or else from a file named
   * {@code <key>} in {@code <yamlDir>/data/} or {@code <yamlDir>/}.
   *
   * @throws IllegalArgumentException naming the enrichment when its table cannot be found
   */
  static void resolveTables(
      DataPipelineSpec spec, DevResources resources, Path yamlDir, Path tablesDir) {
    if (spec.getEnricher() == null) {
      return;
    }
    for (Enrichment enrichment : spec.getEnricher().getEnrichments()) {
      if (enrichment.getLookup() == null) {
        continue;
      }
      TableSource table = enrichment.getLookup().getTable();
      if (table.getPath() != null) {
        Path path = yamlDir.resolve(table.getPath()).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
          throw new IllegalArgumentException(
              "enrichment " + enrichment.getName() + ": table " + path + " does not exist");
        }
        table.setPath(path.toString());
      } else {
        copyConfigMapKey(
            enrichment.getName(), table.getConfigMapKeyRef(), resources, yamlDir, tablesDir);
      }
    }
  }

  private static void copyConfigMapKey(
      String enrichment,
      ConfigMapKeyReference ref,
      DevResources resources,
      Path yamlDir,
      Path tablesDir) {
    Path target = tablesDir.resolve(ref.getName()).resolve(ref.getKey());
    try {
      Files.createDirectories(target.getParent());
      var configMap = resources.configMap(ref.getName());
      if (configMap.isPresent()
          && configMap.get().getData() != null
          && configMap.get().getData().containsKey(ref.getKey())) {
        Files.writeString(target, configMap.get().getData().get(ref.getKey()));
        return;
      }
      for (Path candidate :
          List.of(yamlDir.resolve("data").resolve(ref.getKey()), yamlDir.resolve(ref.getKey()))) {
        if (Files.isRegularFile(candidate)) {
          Files.copy(candidate, target, StandardCopyOption.REPLACE_EXISTING);
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new IllegalArgumentException(
        "enrichment "
            + enrichment
            + ": ConfigMap "
            + ref.getName()
            + " (key "
            + ref.getKey()
            + ") is not among the given files, and there is no "
            + yamlDir.resolve("data").resolve(ref.getKey())
            + (yamlDir.getFileName().toString().equals("flights")
                ? " (run samples/flights/fetch-data.sh)"
                : ""));
  }

  private LocalResources() {}
}
