package dev.sluice.api.v1alpha1;

/** Sources of rollout analysis metrics. */
public enum AnalysisProvider {
  Router,
  Prometheus
}
