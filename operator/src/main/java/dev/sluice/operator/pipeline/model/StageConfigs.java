package dev.sluice.operator.pipeline.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.PipelineTopics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Renders a stage's {@code stage.yaml} ({@link StageConfig}) and its config hash. Each stage's file
 * holds only the parts of the spec that stage reads, without the fields that merely scale it
 * (replicas, autoscaling) or that do not reach the runtime (image, resources, topic settings,
 * deletion policy), so a spec change rolls exactly the stages whose behaviour it changes. Pure.
 */
public final class StageConfigs {
  /** Key of the stage configuration in its ConfigMap. */
  public static final String FILE = "stage.yaml";

  /** Where the stage configuration is mounted in a pod. */
  public static final String PATH = "/etc/sluice/" + FILE;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .build());

  private StageConfigs() {}

  /**
   * The stage configuration as a JSON tree in {@link StageConfig}'s shape.
   *
   * @param model the pipeline
   * @param stage one of its stages
   * @return {@code pipeline}, {@code namespace}, the stage's part of {@code spec}, {@code topics},
   *     {@code contractsDir}, {@code tablesDir}
   */
  public static ObjectNode tree(PipelineModel model, Stage stage) {
    ObjectNode config = JSON.createObjectNode();
    config.put("pipeline", model.name());
    config.put("namespace", model.namespace());
    config.set("spec", stageSpec(model, stage));
    config.set("topics", JSON.valueToTree(PipelineTopics.forPipeline(model.name())));
    config.put("contractsDir", StageConfig.DEFAULT_CONTRACTS_DIR);
    config.put("tablesDir", StageConfig.DEFAULT_TABLES_DIR);
    return config;
  }

  /**
   * The stage configuration as YAML, the content of {@code stage.yaml}.
   *
   * @param model the pipeline
   * @param stage one of its stages
   * @return YAML text that parses as a {@link StageConfig}
   */
  public static String yaml(PipelineModel model, Stage stage) {
    try {
      return YAML.writeValueAsString(tree(model, stage));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serialises", e);
    }
  }

  /**
   * The config hash put on the stage's pod template: a change rolls the stage.
   *
   * @param model the pipeline
   * @param stage one of its stages
   * @return sha256 (hex) of {@code stage.yaml} and, for stages that use contracts, of the accepted
   *     versions of every referenced contract
   */
  public static String hash(PipelineModel model, Stage stage) {
    StringBuilder input = new StringBuilder(yaml(model, stage));
    if (stage.usesContracts()) {
      model.contractNames().stream()
          .sorted()
          .map(model.contracts()::get)
          .filter(java.util.Objects::nonNull)
          .forEach(c -> input.append('\n').append(c.digestInput()));
    }
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha256.digest(input.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  private static ObjectNode stageSpec(PipelineModel model, Stage stage) {
    JsonNode full = JSON.valueToTree(model.spec());
    ObjectNode spec = JSON.createObjectNode();
    if (stage.usesContracts()) {
      spec.set("contracts", full.get("contracts"));
    }
    spec.putObject("kafka").set("bootstrapServers", full.path("kafka").get("bootstrapServers"));
    switch (stage) {
      case COLLECTOR ->
          spec.set("collector", without(full.get("collector"), "replicas", "autoscaling"));
      case ENRICHER ->
          spec.set("enricher", without(full.get("enricher"), "replicas", "autoscaling"));
      case REALTIME_LOADER ->
          spec.putObject("loaders")
              .set("realtime", without(full.path("loaders").get("realtime"), "replicas"));
      case BATCH_LOADER -> {
        spec.set("objectStore", full.get("objectStore"));
        spec.putObject("loaders")
            .set("batch", without(full.path("loaders").get("batch"), "replicas"));
      }
      case CURATION -> {
        spec.set("objectStore", full.get("objectStore"));
        JsonNode batch = full.path("loaders").get("batch");
        if (batch != null) {
          spec.putObject("loaders").set("batch", without(batch, "replicas"));
        }
        spec.set("curation", without(full.get("curation"), "schedule", "suspend"));
      }
    }
    spec.properties().removeIf(e -> e.getValue() == null || e.getValue().isNull());
    return spec;
  }

  private static JsonNode without(JsonNode node, String... fields) {
    if (node == null || !node.isObject()) {
      return node;
    }
    ObjectNode copy = ((ObjectNode) node).deepCopy();
    copy.remove(java.util.List.of(fields));
    return copy;
  }
}
