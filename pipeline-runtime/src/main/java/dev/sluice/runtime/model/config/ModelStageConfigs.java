package dev.sluice.runtime.model.config;

import dev.sluice.api.stage.model.ModelStageConfig;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.YamlConfigReader;
import java.nio.file.Path;

/**
 * Reads a {@link ModelStageConfig} (YAML, at most {@link ModelStageConfig#MAX_BYTES} bytes, unknown
 * fields refused) and checks it for the stage that will run it.
 */
public final class ModelStageConfigs {
  private static final YamlConfigReader READER =
      new YamlConfigReader("model stage configuration", ModelStageConfig.MAX_BYTES);

  private ModelStageConfigs() {}

  /**
   * Reads and checks the file for {@code stage}.
   *
   * @throws ConfigException naming the file and field at fault
   */
  public static ModelStageConfig read(Path file, StageName stage) {
    return checked(READER.read(file, ModelStageConfig.class), stage, file.toString());
  }

  /**
   * Parses a configuration from YAML text and checks it for {@code stage} (tests, the router).
   *
   * @throws ConfigException naming the field at fault
   */
  public static ModelStageConfig parse(String yaml, StageName stage) {
    return checked(READER.parse(yaml, ModelStageConfig.class), stage, "<text>");
  }

  private static ModelStageConfig checked(ModelStageConfig config, StageName stage, String source) {
    ModelStageConfig.Kind kind =
        switch (stage) {
          case MODEL_SERVER -> ModelStageConfig.Kind.SERVER;
          case MODEL_ROUTER -> ModelStageConfig.Kind.ROUTER;
          case MODEL_BATCH -> ModelStageConfig.Kind.BATCH;
          default -> throw new ConfigException("stage " + stage + " is not a model stage");
        };
    try {
      config.validate(kind, source);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    return config;
  }
}
