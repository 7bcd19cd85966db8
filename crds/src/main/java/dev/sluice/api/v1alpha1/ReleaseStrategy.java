package dev.sluice.api.v1alpha1;

/** How a new model version replaces the serving one. */
public enum ReleaseStrategy {
  Recreate,
  RollingUpdate,
  BlueGreen,
  Canary,
  Shadow
}
