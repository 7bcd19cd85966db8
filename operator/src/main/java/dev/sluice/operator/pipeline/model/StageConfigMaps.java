package dev.sluice.operator.pipeline.model;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;

/** Desired ConfigMaps holding each stage's {@code stage.yaml}. Pure. */
public final class StageConfigMaps {
  private StageConfigMaps() {}

  /**
   * The ConfigMap of a stage.
   *
   * @param model the pipeline
   * @param stage one of its stages
   * @return {@code <pipeline>-<stage>} with the single key {@code stage.yaml}
   */
  public static ConfigMap desired(PipelineModel model, Stage stage) {
    return new ConfigMapBuilder()
        .withMetadata(model.metadata(stage))
        .withData(Map.of(StageConfigs.FILE, StageConfigs.yaml(model, stage)))
        .build();
  }
}
