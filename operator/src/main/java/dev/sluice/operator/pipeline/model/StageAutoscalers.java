package dev.sluice.operator.pipeline.model;

import dev.sluice.api.v1alpha1.Autoscaling;
import dev.sluice.operator.CpuAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/** Desired HorizontalPodAutoscalers (autoscaling/v2, CPU) of autoscaled stages. Pure. */
public final class StageAutoscalers {
  private StageAutoscalers() {}

  /**
   * The autoscaler of a stage.
   *
   * @param model the pipeline
   * @param stage a stage whose {@link PipelineModel#autoscaling} is set
   * @return {@code <pipeline>-<stage>} scaling its Deployment on average CPU utilisation
   */
  public static HorizontalPodAutoscaler desired(PipelineModel model, Stage stage) {
    Autoscaling autoscaling = model.autoscaling(stage);
    return CpuAutoscaler.of(model.metadata(stage), model.resourceName(stage), autoscaling);
  }
}
