package dev.sluice.api.v1alpha1;

/** What happens to external state (topics, buckets) when a pipeline is deleted. */
public enum DeletionPolicy {
  Retain,
  Delete
}
