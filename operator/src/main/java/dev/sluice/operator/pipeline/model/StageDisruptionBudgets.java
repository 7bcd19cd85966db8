package dev.sluice.operator.pipeline.model;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** Desired PodDisruptionBudgets of stages that run more than one replica. Pure. */
public final class StageDisruptionBudgets {
  private StageDisruptionBudgets() {}

  /**
   * Whether a stage gets a PodDisruptionBudget.
   *
   * @param model the pipeline
   * @param stage a stage run as a Deployment
   * @return true when its fixed replicas, or its autoscaler's minimum, is above 1
   */
  public static boolean wanted(PipelineModel model, Stage stage) {
    return stage.isDeployment() && model.minReplicas(stage) > 1;
  }

  /**
   * The PodDisruptionBudget of a stage.
   *
   * @param model the pipeline
   * @param stage a stage for which {@link #wanted} holds
   * @return {@code <pipeline>-<stage>} allowing one voluntary disruption at a time
   */
  public static PodDisruptionBudget desired(PipelineModel model, Stage stage) {
    return new PodDisruptionBudgetBuilder()
        .withMetadata(model.metadata(stage))
        .withNewSpec()
        .withMaxUnavailable(new IntOrString(1))
        .withNewSelector()
        .withMatchLabels(model.selector(stage))
        .endSelector()
        .endSpec()
        .build();
  }
}
