package dev.sluice.operator.pipeline.status;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.operator.pipeline.buckets.BucketSet;
import dev.sluice.operator.pipeline.model.PipelineModel;
import dev.sluice.operator.pipeline.topics.CrdPresence;
import dev.sluice.operator.pipeline.topics.StrimziTopics;
import dev.sluice.operator.pipeline.topics.TopicSet;
import dev.sluice.operator.pipeline.topics.TopicSpec;
import dev.sluice.operator.status.Conditions;
import dev.sluice.operator.status.Reason;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** The conditions of a DataPipeline, each computed from what the operator observed. Pure. */
public final class PipelineConditions {
  /** Condition type: every referenced contract exists and is accepted. */
  public static final String CONTRACTS_BOUND = "ContractsBound";

  /** Condition type: the five topics exist. */
  public static final String TOPICS_READY = "TopicsReady";

  /** Condition type: the configured buckets exist. */
  public static final String BUCKETS_READY = "BucketsReady";

  /** Condition type: every stage has its desired replicas ready. */
  public static final String STAGES_READY = "StagesReady";

  private PipelineConditions() {}

  /**
   * ContractsBound.
   *
   * @param model the pipeline with the snapshots of the contracts found
   * @return True, or False with ContractNotFound / ContractNotAccepted naming the contracts
   */
  public static Condition contracts(PipelineModel model) {
    List<String> missing =
        model.contractNames().stream().filter(n -> !model.contracts().containsKey(n)).toList();
    if (!missing.isEmpty()) {
      return Conditions.of(
          CONTRACTS_BOUND,
          false,
          Reason.ContractNotFound,
          "spec.contracts: DataContract "
              + String.join(", ", missing)
              + " not found in namespace "
              + model.namespace());
    }
    List<String> unaccepted =
        model.contractNames().stream().filter(n -> !model.contracts().get(n).accepted()).toList();
    if (!unaccepted.isEmpty()) {
      return Conditions.of(
          CONTRACTS_BOUND,
          false,
          Reason.ContractNotAccepted,
          "spec.contracts: DataContract "
              + String.join(", ", unaccepted)
              + " has no accepted schema version yet (see its Ready condition)");
    }
    return Conditions.of(
        CONTRACTS_BOUND,
        true,
        Reason.ContractsBound,
        model.contractNames().stream()
            .map(model.contracts()::get)
            .map(c -> c.name() + " v" + c.acceptedVersion())
            .collect(Collectors.joining(", ", "bound to ", "")));
  }

  /**
   * TopicsReady for provisioner Strimzi.
   *
   * @param crdInstalled whether the KafkaTopic CRD exists
   * @param plan the wanted topics
   * @param observed the pipeline's KafkaTopics as read from the cluster
   * @param error the KafkaTopic API failure of this reconciliation, if any
   * @return True when every KafkaTopic is Ready, else False with a reason
   */
  public static Condition strimziTopics(
      boolean crdInstalled,
      List<TopicSpec> plan,
      Collection<KafkaTopic> observed,
      Optional<String> error) {
    if (!crdInstalled) {
      return Conditions.of(
          TOPICS_READY,
          false,
          Reason.StrimziNotInstalled,
          "spec.kafka.provisioner is Strimzi but the cluster has no "
              + CrdPresence.KAFKA_TOPICS
              + " CRD; install Strimzi or set spec.kafka.provisioner to Admin");
    }
    if (error.isPresent()) {
      return Conditions.of(TOPICS_READY, false, Reason.TopicProvisioningFailed, error.get());
    }
    Set<String> ready =
        observed.stream()
            .filter(StrimziTopics::isReady)
            .map(t -> t.getMetadata().getName())
            .collect(Collectors.toSet());
    List<String> waiting =
        plan.stream().map(TopicSpec::name).filter(n -> !ready.contains(n)).toList();
    if (!waiting.isEmpty()) {
      return Conditions.of(
          TOPICS_READY,
          false,
          Reason.TopicsNotReady,
          "waiting for Strimzi to report KafkaTopic Ready: " + String.join(", ", waiting));
    }
    return Conditions.of(
        TOPICS_READY, true, Reason.TopicsReady, plan.size() + " KafkaTopics ready");
  }

  /**
   * TopicsReady for provisioner Admin.
   *
   * @param plan the wanted topics
   * @param observed the topics read from the broker, if any exist
   * @param error the Admin API failure of this reconciliation, if any
   * @return True when every topic exists as planned, else False with a reason
   */
  public static Condition adminTopics(
      List<TopicSpec> plan, Optional<TopicSet> observed, Optional<String> error) {
    if (error.isPresent()) {
      return Conditions.of(TOPICS_READY, false, Reason.TopicProvisioningFailed, error.get());
    }
    if (observed.isPresent() && observed.get().satisfies(plan)) {
      return Conditions.of(TOPICS_READY, true, Reason.TopicsReady, plan.size() + " topics ready");
    }
    List<String> missing =
        observed.map(o -> o.missing(plan)).orElse(plan.stream().map(TopicSpec::name).toList());
    return Conditions.of(
        TOPICS_READY,
        false,
        Reason.TopicsNotReady,
        missing.isEmpty()
            ? "updating topic settings"
            : "creating topics: " + String.join(", ", missing));
  }

  /**
   * BucketsReady.
   *
   * @param plan the wanted buckets
   * @param observed the buckets found, if any
   * @param error the object-store failure of this reconciliation, if any
   * @return True when every bucket exists (or none is wanted), else False with a reason
   */
  public static Condition buckets(
      List<String> plan, Optional<BucketSet> observed, Optional<String> error) {
    if (plan.isEmpty()) {
      return Conditions.of(BUCKETS_READY, true, Reason.NoBuckets, "no bucket configured");
    }
    if (error.isPresent()) {
      return Conditions.of(BUCKETS_READY, false, Reason.BucketProvisioningFailed, error.get());
    }
    Set<String> existing = observed.map(BucketSet::buckets).orElse(Set.of());
    List<String> missing = plan.stream().filter(b -> !existing.contains(b)).toList();
    if (missing.isEmpty()) {
      return Conditions.of(
          BUCKETS_READY, true, Reason.BucketsReady, "buckets ready: " + String.join(", ", plan));
    }
    return Conditions.of(
        BUCKETS_READY,
        false,
        Reason.BucketsNotReady,
        "creating buckets: " + String.join(", ", missing));
  }

  /**
   * Whether a condition holds.
   *
   * @param condition any condition
   * @return true when its status is True
   */
  public static boolean holds(Condition condition) {
    return Condition.TRUE.equals(condition.getStatus());
  }
}
