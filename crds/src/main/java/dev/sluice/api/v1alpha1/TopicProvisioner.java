package dev.sluice.api.v1alpha1;

/** How a pipeline's Kafka topics are created. */
public enum TopicProvisioner {
  /** Strimzi {@code KafkaTopic} resources, reconciled by Strimzi's topic operator. */
  Strimzi,
  /** The Kafka Admin API, called by the Sluice operator. */
  Admin
}
