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
  StageProvisioningFailed,

  // ModelDeployment Ready
  /** The stable version's model servers (and the router, with provider Router) answer. */
  Serving,
  /** No ready model server of the stable version, or no ready router, or nothing stable yet. */
  NotServing,
  /** Mode Batch: the batch job's CronJob is in place. */
  BatchScheduled,
  /**
   * The spec cannot be served and the schema could not say so: spec.registry missing, a model.uri
   * outside the registry layout, a name too long for its objects, a provider that cannot do the
   * strategy. The message names the field; nothing is changed until it is fixed.
   */
  InvalidSpec,
  /** traffic.provider is GatewayAPI but the cluster has no HTTPRoute CRD. */
  GatewayApiNotInstalled,
  /** The Kubernetes API refused or failed a model server, router, Service, HPA or HTTPRoute. */
  ServingProvisioningFailed,

  // ModelDeployment Progressing
  /** A release is under way (phase Progressing). */
  ReleaseProgressing,
  /** The release is held by the sluice.dev/pause annotation or a step without a pause. */
  ReleasePaused,
  /** No release is under way: the stable version serves all traffic (phase Healthy). */
  ReleaseComplete,
  /** The last release was aborted and traffic rolled back to the stable version. */
  ReleaseRolledBack,
  /** The stable version is short of ready model servers (phase Degraded). */
  ReleaseDegraded
}
