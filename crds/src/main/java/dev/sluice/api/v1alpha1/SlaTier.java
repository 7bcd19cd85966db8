package dev.sluice.api.v1alpha1;

/** How critical a contract's SLA is; alerting and paging policies key on it. */
public enum SlaTier {
  Gold,
  Silver,
  Bronze
}
