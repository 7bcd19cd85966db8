package dev.sluice.runtime.model.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.YamlConfigReader;
import java.nio.file.Path;

/**
 * The configuration file of a model stage (model-server or model-router), which the operator
 * renders from a ModelDeployment and mounts; the format is documented in docs/models.md. A model
 * stage has no DataPipeline, so this file takes the place of {@code StageConfig}.
 *
 * @param deployment name of the ModelDeployment (the {@code pipeline} tag of metrics and logs)
 * @param server the model server's settings; only for stage model-server
 * @param router the router's settings; only for stage model-router
 */
public record ModelStageConfig(
    @JsonProperty(required = true) String deployment,
    ModelServerConfig server,
    ModelRouterConfig router) {

  /** Largest accepted configuration file, in bytes. */
  public static final long MAX_BYTES = 1024L * 1024;

  private static final YamlConfigReader READER =
      new YamlConfigReader("model stage configuration", MAX_BYTES);

  /**
   * Reads and checks the file for {@code stage}.
   *
   * @throws ConfigException naming the file and field at fault
   */
  public static ModelStageConfig read(Path file, StageName stage) {
    ModelStageConfig config = READER.read(file, ModelStageConfig.class);
    config.validate(stage, file);
    return config;
  }

  /** Parses a configuration from YAML text and checks it for {@code stage} (tests, the router). */
  public static ModelStageConfig parse(String yaml, StageName stage) {
    ModelStageConfig config = READER.parse(yaml, ModelStageConfig.class);
    config.validate(stage, Path.of("<text>"));
    return config;
  }

  private void validate(StageName stage, Path file) {
    Fields f = new Fields("model stage configuration " + file + ": ");
    f.name("deployment", deployment);
    switch (stage) {
      case MODEL_SERVER -> {
        f.require(server != null, "server", "is required for stage model-server");
        f.require(router == null, "router", "is only allowed for stage model-router");
        server.validate(f.nested("server."));
      }
      case MODEL_ROUTER -> {
        f.require(router != null, "router", "is required for stage model-router");
        f.require(server == null, "server", "is only allowed for stage model-server");
        router.validate(f.nested("router."));
      }
      default -> throw new ConfigException("stage " + stage + " is not a model stage");
    }
  }
}
