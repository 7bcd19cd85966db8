package dev.sluice.operator.pipeline.dependent;

import dev.sluice.operator.pipeline.model.PipelineModel;
import dev.sluice.operator.pipeline.model.StageConfigMaps;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.util.List;

/** One ConfigMap with {@code stage.yaml} per stage. */
public class StageConfigMapsDependentResource extends PipelineBulkDependentResource<ConfigMap> {
  public StageConfigMapsDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected List<ConfigMap> desired(PipelineModel model) {
    return model.stages().stream().map(stage -> StageConfigMaps.desired(model, stage)).toList();
  }
}
