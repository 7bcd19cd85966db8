package dev.sluice.api.v1alpha1;

/** Summary of a {@link DataPipeline}'s state, for {@code kubectl get}. */
public enum PipelinePhase {
  Pending,
  Provisioning,
  Running,
  Degraded,
  Failed
}
