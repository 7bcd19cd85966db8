package dev.sluice.operator.pipeline.model;

import dev.sluice.api.v1alpha1.Autoscaling;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.util.Objects;

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
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(model.metadata(stage))
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(model.resourceName(stage))
        .endScaleTargetRef()
        .withMinReplicas(Objects.requireNonNullElse(autoscaling.getMinReplicas(), 1))
        .withMaxReplicas(autoscaling.getMaxReplicas())
        .withMetrics(
            new MetricSpecBuilder()
                .withType("Resource")
                .withNewResource()
                .withName("cpu")
                .withNewTarget()
                .withType("Utilization")
                .withAverageUtilization(
                    Objects.requireNonNullElse(autoscaling.getTargetCpuUtilizationPercent(), 70))
                .endTarget()
                .endResource()
                .build())
        .endSpec()
        .build();
  }
}
