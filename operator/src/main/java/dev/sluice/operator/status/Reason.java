package dev.sluice.operator.status;

/**
 * Every {@code reason} a Sluice condition can carry: the closed set docs/operator.md tabulates. A
 * reason is one CamelCase word; the condition's message says the rest.
 */
public enum Reason {
  // DataContract Ready
  /** The spec's schema version is accepted and served. */
  Accepted,
  /** spec.schema.jsonSchema is not JSON, or not a valid JSON Schema 2020-12 document. */
  InvalidSchema,
  /**
   * The new schema breaks the compatibility mode, or the version went down, or a version number was
   * reused with a different schema, or eventType changed. The last accepted version stays served.
   */
  IncompatibleSchema,

  // DataPipeline Ready
  /** Every part of the pipeline is ready. */
  Running,

  // DataPipeline ContractsBound
  /** Every referenced contract exists and has an accepted version. */
  ContractsBound,
  /** A referenced DataContract does not exist in the pipeline's namespace. */
  ContractNotFound,
  /** A referenced DataContract exists but has no accepted version yet. */
  ContractNotAccepted,

  // DataPipeline TopicsReady
  /** The five topics exist. */
  TopicsReady,
  /** Topics are being created (for Strimzi: a KafkaTopic is not Ready yet). */
  TopicsNotReady,
  /** kafka.provisioner is Strimzi but the cluster has no KafkaTopic CRD. */
  StrimziNotInstalled,
  /** The Kafka Admin API (or the KafkaTopic API) failed. */
  TopicProvisioningFailed,

  // DataPipeline BucketsReady
  /** Every configured bucket exists. */
  BucketsReady,
  /** The pipeline configures no bucket. */
  NoBuckets,
  /** A bucket is being created. */
  BucketsNotReady,
  /** The object store failed, or its credentials Secret is missing or incomplete. */
  BucketProvisioningFailed,

  // DataPipeline StagesReady
  /** Every stage has all its desired replicas ready. */
  StagesReady,
  /** A stage has fewer ready replicas than desired. */
  StagesNotReady,
  /** The Kubernetes API refused or failed a stage's resources. */
  StageProvisioningFailed
}
