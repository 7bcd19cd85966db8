package dev.sluice.api.v1alpha1;

/** How a model is served. */
public enum ServingMode {
  RequestResponse,
  Stream,
  Batch
}
