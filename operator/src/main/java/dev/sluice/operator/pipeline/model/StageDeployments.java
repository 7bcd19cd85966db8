package dev.sluice.operator.pipeline.model;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/** Desired Deployments of the long-running stages. Pure. */
public final class StageDeployments {
  private StageDeployments() {}

  /**
   * The Deployment of a stage.
   *
   * @param model the pipeline
   * @param stage a stage with {@link Stage#isDeployment()}
   * @return {@code <pipeline>-<stage>}; {@code replicas} unset when an autoscaler owns it
   */
  public static Deployment desired(PipelineModel model, Stage stage) {
    return new DeploymentBuilder()
        .withMetadata(model.metadata(stage))
        .withNewSpec()
        .withReplicas(model.replicas(stage))
        .withNewSelector()
        .withMatchLabels(model.selector(stage))
        .endSelector()
        .withTemplate(StagePods.template(model, stage, "Always"))
        .endSpec()
        .build();
  }
}
