package dev.sluice.runtime.local;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataPipeline;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The resources {@code sluice dev} runs: the same DataContract, DataPipeline (and ConfigMap) YAML a
 * user would {@code kubectl apply}, read from files or directories (*.yaml, *.yml; several
 * documents per file). Other kinds are skipped.
 *
 * @param contracts every DataContract found
 * @param pipelines every DataPipeline found, each with the directory of its file
 * @param configMaps every ConfigMap found (lookup tables)
 */
public record DevResources(
    List<DataContract> contracts,
    List<Located<DataPipeline>> pipelines,
    List<ConfigMap> configMaps) {

  /** Largest YAML file read, in bytes. */
  public static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /**
   * A resource and the directory of the file it came from (relative paths resolve there).
   *
   * @param resource the resource
   * @param dir directory of its file
   */
  public record Located<T>(T resource, Path dir) {}

  /**
   * Reads every resource of the given files and directories.
   *
   * @throws IllegalArgumentException naming the file (and document) when a path is missing, a file
   *     is too large or not YAML, or a resource has an unknown field
   */
  public static DevResources read(List<Path> paths) {
    List<DataContract> contracts = new ArrayList<>();
    List<Located<DataPipeline>> pipelines = new ArrayList<>();
    List<ConfigMap> configMaps = new ArrayList<>();
    for (Path file : yamlFiles(paths)) {
      int index = 0;
      for (JsonNode doc : documents(file)) {
        index++;
        String where = file + (index > 1 ? " (document " + index + ")" : "");
        switch (doc.path("kind").asText()) {
          case "DataContract" -> contracts.add(parse(doc, DataContract.class, where));
          case "DataPipeline" ->
              pipelines.add(
                  new Located<>(
                      parse(doc, DataPipeline.class, where), file.toAbsolutePath().getParent()));
          case "ConfigMap" -> configMaps.add(parse(doc, ConfigMap.class, where));
          default -> {
            // Secrets, Namespaces and the like have no meaning on one machine.
          }
        }
      }
    }
    return new DevResources(contracts, pipelines, configMaps);
  }

  /** The DataContract named {@code name}, if one was read. */
  public Optional<DataContract> contract(String name) {
    return contracts.stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
  }

  /** The ConfigMap named {@code name}, if one was read. */
  public Optional<ConfigMap> configMap(String name) {
    return configMaps.stream().filter(c -> name.equals(c.getMetadata().getName())).findFirst();
  }

  private static List<Path> yamlFiles(List<Path> paths) {
    List<Path> files = new ArrayList<>();
    for (Path path : paths) {
      if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.list(path)) {
          walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .sorted()
              .forEach(files::add);
        } catch (IOException e) {
          throw new IllegalArgumentException("cannot list " + path + ": " + e.getMessage());
        }
      } else if (Files.isRegularFile(path)) {
        files.add(path);
      } else {
        throw new IllegalArgumentException(path + " does not exist");
      }
    }
    return files;
  }

  private static List<JsonNode> documents(Path file) {
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new IllegalArgumentException(file + " is larger than " + MAX_FILE_BYTES + " bytes");
      }
      try (YAMLParser parser = new YAMLFactory().createParser(file.toFile())) {
        return YAML.readValues(parser, JsonNode.class).readAll().stream()
            .filter(JsonNode::isObject)
            .toList();
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  private static <T> T parse(JsonNode doc, Class<T> type, String where) {
    try {
      return YAML.treeToValue(doc, type);
    } catch (UnrecognizedPropertyException e) {
      throw new IllegalArgumentException(
          where + ": unknown field '" + e.getPropertyName() + "' in " + type.getSimpleName());
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": " + firstLine(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
