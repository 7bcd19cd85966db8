package dev.sluice.operator.modeldeployment;

import dev.sluice.operator.Labels;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import dev.sluice.operator.rollout.WorkloadStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Kubernetes' view of a ModelDeployment's model servers, per version, for the release strategy.
 * Pure.
 */
final class Workloads {
  private Workloads() {}

  /**
   * The model servers' status by version.
   *
   * @param deployments the ModelDeployment's Deployments (servers and router)
   * @return the status of each version with a model-server Deployment; the version of the in-place
   *     (RollingUpdate) Deployment is the one its pod template runs. A Deployment whose status
   *     predates its latest spec ({@code observedGeneration < generation}) reports no updated
   *     replicas, so a just-changed template never looks rolled out.
   */
  static Map<String, WorkloadStatus> byVersion(Collection<Deployment> deployments) {
    Map<String, WorkloadStatus> workloads = new LinkedHashMap<>();
    for (Deployment deployment : deployments) {
      if (!ModelServing.MODEL_SERVER.equals(label(deployment, Labels.STAGE))) {
        continue;
      }
      String version = templateVersion(deployment);
      if (version != null) {
        workloads.put(version, status(deployment));
      }
    }
    return workloads;
  }

  /**
   * The router's ready pods.
   *
   * @param deployments the ModelDeployment's Deployments
   * @return ready replicas of the router Deployment, 0 when there is none
   */
  static int readyRouters(Collection<Deployment> deployments) {
    return deployments.stream()
        .filter(d -> ModelServing.MODEL_ROUTER.equals(label(d, Labels.STAGE)))
        .map(d -> status(d).readyReplicas())
        .findFirst()
        .orElse(0);
  }

  private static WorkloadStatus status(Deployment deployment) {
    DeploymentStatus status =
        Objects.requireNonNullElseGet(deployment.getStatus(), DeploymentStatus::new);
    long generation = Objects.requireNonNullElse(deployment.getMetadata().getGeneration(), 0L);
    long observed = Objects.requireNonNullElse(status.getObservedGeneration(), 0L);
    return new WorkloadStatus(
        Objects.requireNonNullElse(status.getReplicas(), 0),
        Objects.requireNonNullElse(status.getReadyReplicas(), 0),
        observed < generation ? 0 : Objects.requireNonNullElse(status.getUpdatedReplicas(), 0));
  }

  private static String templateVersion(Deployment deployment) {
    return Optional.ofNullable(deployment.getSpec())
        .map(s -> s.getTemplate())
        .map(t -> t.getMetadata())
        .map(m -> m.getLabels())
        .map(l -> l.get(Labels.MODEL_VERSION))
        .orElse(null);
  }

  private static String label(Deployment deployment, String key) {
    Map<String, String> labels = deployment.getMetadata().getLabels();
    return labels == null ? null : labels.get(key);
  }
}
