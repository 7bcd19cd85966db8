package dev.sluice.operator.pipeline.topics;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.operator.Labels;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Desired Strimzi KafkaTopic resources of a pipeline. Pure. */
public final class StrimziTopics {
  /** The label Strimzi's topic operator selects KafkaTopics of a cluster by. */
  public static final String CLUSTER_LABEL = "strimzi.io/cluster";

  private StrimziTopics() {}

  /**
   * The KafkaTopics of a pipeline, keyed by name.
   *
   * @param pipeline a DataPipeline with kafka.provisioner Strimzi
   * @return one KafkaTopic per {@link TopicPlan} entry, labelled with the pipeline's Strimzi
   *     cluster
   */
  public static Map<String, KafkaTopic> desired(DataPipeline pipeline) {
    return TopicPlan.of(pipeline).stream()
        .map(topic -> kafkaTopic(pipeline, topic))
        .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity()));
  }

  private static KafkaTopic kafkaTopic(DataPipeline pipeline, TopicSpec topic) {
    Map<String, String> labels = Labels.managed();
    labels.put(Labels.PIPELINE, pipeline.getMetadata().getName());
    labels.put(
        CLUSTER_LABEL, Objects.requireNonNull(pipeline.getSpec().getKafka().getStrimziCluster()));
    return new KafkaTopicBuilder()
        .withNewMetadata()
        .withName(topic.name())
        .withNamespace(pipeline.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withNewSpec()
        .withTopicName(topic.name())
        .withPartitions(topic.partitions())
        .withReplicas(topic.replicas())
        .withConfig(Map.of("retention.ms", jsonNumber(topic.retentionMs())))
        .endSpec()
        .build();
  }

  /**
   * A number as it comes back from the API server: JSON numbers parse as Integer when they fit. A
   * Long that fits would differ from the stored Integer in the server-side-apply matcher, which
   * then re-applied every KafkaTopic on every reconciliation (each a write Strimzi reacts to).
   */
  static Number jsonNumber(long value) {
    // Not a conditional expression: that would promote the Integer back to a Long.
    if (value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
      return Integer.valueOf((int) value);
    }
    return Long.valueOf(value);
  }

  /**
   * Whether Strimzi reports a KafkaTopic ready for its current generation.
   *
   * @param topic a KafkaTopic as read from the cluster
   * @return true when its Ready condition is True and its status is not older than its spec
   */
  public static boolean isReady(KafkaTopic topic) {
    if (topic.getStatus() == null || topic.getStatus().getConditions() == null) {
      return false;
    }
    Long observed =
        topic.getStatus().getObservedGeneration() == 0
            ? null
            : topic.getStatus().getObservedGeneration();
    boolean current =
        observed == null
            || topic.getMetadata().getGeneration() == null
            || observed >= topic.getMetadata().getGeneration();
    return current
        && topic.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }
}
