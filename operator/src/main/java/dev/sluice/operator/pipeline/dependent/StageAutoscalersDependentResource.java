package dev.sluice.operator.pipeline.dependent;

import dev.sluice.operator.pipeline.model.PipelineModel;
import dev.sluice.operator.pipeline.model.StageAutoscalers;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;

/** One HorizontalPodAutoscaler per stage with spec autoscaling. */
public class StageAutoscalersDependentResource
    extends PipelineBulkDependentResource<HorizontalPodAutoscaler> {
  public StageAutoscalersDependentResource() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  protected List<HorizontalPodAutoscaler> desired(PipelineModel model) {
    return model.deployedStages().stream()
        .filter(stage -> model.autoscaling(stage) != null)
        .map(stage -> StageAutoscalers.desired(model, stage))
        .toList();
  }
}
