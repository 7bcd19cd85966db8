package dev.sluice.api.v1alpha1;

/** Summary of a {@link ModelDeployment}'s release, for {@code kubectl get}. */
public enum RolloutPhase {
  Progressing,
  Paused,
  Healthy,
  Degraded,
  RolledBack
}
