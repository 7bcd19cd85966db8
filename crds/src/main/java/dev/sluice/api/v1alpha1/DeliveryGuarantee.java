package dev.sluice.api.v1alpha1;

/** Delivery guarantee of a consume-process-produce stage. */
public enum DeliveryGuarantee {
  AtLeastOnce,
  ExactlyOnce
}
