package dev.sluice.operator.rollout;

/**
 * What Kubernetes reports of the model servers of one version (their Deployment's status).
 *
 * @param replicas pods that exist (status.replicas)
 * @param readyReplicas pods that are ready (status.readyReplicas)
 * @param updatedReplicas pods with the current pod template (status.updatedReplicas); for an
 *     in-place RollingUpdate, the pods already on the new version
 */
public record WorkloadStatus(int replicas, int readyReplicas, int updatedReplicas) {
  /** A version with no Deployment. */
  public static final WorkloadStatus ABSENT = new WorkloadStatus(0, 0, 0);
}
