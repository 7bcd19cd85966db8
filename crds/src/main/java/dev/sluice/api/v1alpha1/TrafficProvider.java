package dev.sluice.api.v1alpha1;

/** Ways of splitting traffic between model versions. */
public enum TrafficProvider {
  Router,
  GatewayAPI,
  Replicas
}
