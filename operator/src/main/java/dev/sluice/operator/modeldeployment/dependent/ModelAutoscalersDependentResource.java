package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.modeldeployment.model.ModelAutoscalers;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;

/** One HorizontalPodAutoscaler per serving version when spec.autoscaling is set. */
public class ModelAutoscalersDependentResource
    extends ModelBulkDependentResource<HorizontalPodAutoscaler> {
  public ModelAutoscalersDependentResource() {
    super(HorizontalPodAutoscaler.class);
  }

  @Override
  protected List<HorizontalPodAutoscaler> desired(
      ModelServing model, Context<ModelDeployment> context) {
    return ModelAutoscalers.desired(model);
  }
}
