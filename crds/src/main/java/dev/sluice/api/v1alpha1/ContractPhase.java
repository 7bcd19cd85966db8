package dev.sluice.api.v1alpha1;

/** Summary of a {@link DataContract}'s state, for {@code kubectl get}. */
public enum ContractPhase {
  Pending,
  Accepted,
  Rejected
}
