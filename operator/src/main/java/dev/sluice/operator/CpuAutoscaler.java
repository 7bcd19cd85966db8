package dev.sluice.operator;

import dev.sluice.api.v1alpha1.Autoscaling;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpecBuilder;
import java.util.Objects;

/**
 * The one shape of HorizontalPodAutoscaler (autoscaling/v2) the operator makes, for pipeline stages
 * and model servers alike: a Deployment scaled on average CPU utilisation. Pure.
 */
public final class CpuAutoscaler {
  private CpuAutoscaler() {}

  /**
   * An autoscaler of one Deployment.
   *
   * @param metadata the HPA's name, namespace and labels
   * @param deployment metadata.name of the Deployment it scales
   * @param autoscaling minReplicas (default 1), maxReplicas and targetCpuUtilizationPercent
   *     (default 70 %)
   * @return the desired HPA
   */
  public static HorizontalPodAutoscaler of(
      ObjectMeta metadata, String deployment, Autoscaling autoscaling) {
    return new HorizontalPodAutoscalerBuilder()
        .withMetadata(metadata)
        .withNewSpec()
        .withNewScaleTargetRef()
        .withApiVersion("apps/v1")
        .withKind("Deployment")
        .withName(deployment)
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
