package dev.sluice.operator.modeldeployment.model;

import dev.sluice.api.v1alpha1.Autoscaling;
import dev.sluice.operator.CpuAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;

/**
 * Desired HorizontalPodAutoscalers (autoscaling/v2, CPU): one per serving version when
 * spec.autoscaling is set. A version the plan scales to zero has none, so its Deployment stays at
 * zero. Pure.
 */
public final class ModelAutoscalers {
  private ModelAutoscalers() {}

  /**
   * The autoscalers.
   *
   * @param model the deployment
   * @return one HPA per version with replicas, named and targeting its Deployment; none without
   *     spec.autoscaling
   */
  public static List<HorizontalPodAutoscaler> desired(ModelServing model) {
    Autoscaling autoscaling = model.spec().getAutoscaling();
    if (autoscaling == null) {
      return List.of();
    }
    return model.versions().stream()
        .filter(version -> model.replicas(version) > 0)
        .map(version -> autoscaler(model, version, autoscaling))
        .toList();
  }

  private static HorizontalPodAutoscaler autoscaler(
      ModelServing model, String version, Autoscaling autoscaling) {
    String name = model.serverName(version);
    return CpuAutoscaler.of(
        model.metadata(
            name, model.labels(ModelServing.MODEL_SERVER, model.plan().inPlace() ? null : version)),
        name,
        autoscaling);
  }
}
