package dev.sluice.runtime;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The stages the one runtime executable can run, by their {@code --stage} names. */
public enum StageName {
  COLLECTOR("collector"),
  ENRICHER("enricher"),
  REALTIME_LOADER("realtime-loader"),
  BATCH_LOADER("batch-loader"),
  CURATION("curation"),
  MODEL_SERVER("model-server"),
  MODEL_ROUTER("model-router"),
  MODEL_BATCH("model-batch");

  private final String cliName;

  StageName(String cliName) {
    this.cliName = cliName;
  }

  /** The name used by {@code --stage}, {@code SLUICE_STAGE}, metrics and dead-letter headers. */
  public String cliName() {
    return cliName;
  }

  /** Whether the stage serves a model (configured by a ModelStageConfig, not a DataPipeline). */
  public boolean isModelStage() {
    return this == MODEL_SERVER || this == MODEL_ROUTER || this == MODEL_BATCH;
  }

  /**
   * @param name a {@code --stage} value such as {@code collector}
   * @throws IllegalArgumentException naming the valid stages when {@code name} is none of them
   */
  public static StageName of(String name) {
    return Arrays.stream(values())
        .filter(s -> s.cliName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown stage '"
                        + name
                        + "'; expected one of "
                        + Arrays.stream(values())
                            .map(StageName::cliName)
                            .collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return cliName;
  }
}
