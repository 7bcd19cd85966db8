package dev.sluice.operator.pipeline.dependent;

import dev.sluice.operator.pipeline.model.PipelineModel;
import dev.sluice.operator.pipeline.model.StageDeployments;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;

/** One Deployment per long-running stage. */
public class StageDeploymentsDependentResource extends PipelineBulkDependentResource<Deployment> {
  public StageDeploymentsDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected List<Deployment> desired(PipelineModel model) {
    return model.deployedStages().stream()
        .map(stage -> StageDeployments.desired(model, stage))
        .toList();
  }
}
