package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import java.time.Instant;
import java.util.Map;

/**
 * Everything a strategy may look at in one reconcile.
 *
 * @param spec the ModelDeployment's desired state; {@code spec.model.version} is the version wanted
 * @param state the release state persisted in status by the previous decision
 * @param workloads Kubernetes' view of the model servers, by version; a version without a
 *     Deployment is absent (use {@link #workload(String)})
 * @param commands manual controls from annotations
 * @param analyzer asked for a verdict when the state wants one
 * @param now the reconcile's clock reading
 */
public record RolloutObservation(
    ModelDeploymentSpec spec,
    RolloutState state,
    Map<String, WorkloadStatus> workloads,
    ManualCommands commands,
    Analyzer analyzer,
    Instant now) {

  /**
   * The status of one version's model servers.
   *
   * @param version a model version
   * @return its status, or {@link WorkloadStatus#ABSENT}
   */
  public WorkloadStatus workload(String version) {
    return workloads.getOrDefault(version, WorkloadStatus.ABSENT);
  }

  /** The version the spec asks for ({@code spec.model.version}). */
  public String desiredVersion() {
    return spec.getModel().getVersion();
  }
}
