package dev.sluice.api.v1alpha1;

/** HTTP methods an enrichment API may be called with. */
public enum HttpMethod {
  GET,
  POST
}
