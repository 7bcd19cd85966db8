package dev.sluice.operator.pipeline.dependent;

import dev.sluice.operator.pipeline.model.PipelineModel;
import dev.sluice.operator.pipeline.model.StageDisruptionBudgets;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;

/** One PodDisruptionBudget per stage running more than one replica. */
public class StageDisruptionBudgetsDependentResource
    extends PipelineBulkDependentResource<PodDisruptionBudget> {
  public StageDisruptionBudgetsDependentResource() {
    super(PodDisruptionBudget.class);
  }

  @Override
  protected List<PodDisruptionBudget> desired(PipelineModel model) {
    return model.deployedStages().stream()
        .filter(stage -> StageDisruptionBudgets.wanted(model, stage))
        .map(stage -> StageDisruptionBudgets.desired(model, stage))
        .toList();
  }
}
