package dev.sluice.e2e;

import dev.sluice.runtime.kafka.TopicLeaders;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.strimzi.api.kafka.model.common.ConditionBuilder;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicStatus;
import io.strimzi.api.kafka.model.topic.KafkaTopicStatusBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Does what Strimzi's topic operator would do for a {@code KafkaTopic}; the suite runs no Strimzi
 * (it needs a Strimzi-managed Kafka cluster). Strimzi's unidirectional topic operator creates the
 * topic in Kafka from the KafkaTopic's spec and then writes the KafkaTopic's status subresource:
 * condition {@code Ready=True}, {@code observedGeneration} = the spec's {@code
 * metadata.generation}, {@code topicName} and {@code topicId}. This class does the same with the
 * Kafka Admin API and a patch of the status subresource, so the operator under test sees exactly
 * what it would see from Strimzi.
 */
final class TopicOperatorStandIn {

  private TopicOperatorStandIn() {}

  /**
   * Reports a KafkaTopic Ready without creating a topic (enough for the operator's view).
   *
   * @param topic the KafkaTopic as read from the API server
   */
  static void markReady(KubernetesClient client, KafkaTopic topic) {
    patchReadyStatus(client, topic, Optional.empty());
  }

  /**
   * Creates the topic in Kafka as the KafkaTopic's spec says ({@code spec.topicName}, else {@code
   * metadata.name}; partitions, replicas, config), if it does not exist yet, then reports it Ready
   * with its topic id.
   *
   * @param topic the KafkaTopic as read from the API server
   * @throws IllegalStateException when Kafka refuses the topic
   */
  static void createAndMarkReady(KubernetesClient client, Admin admin, KafkaTopic topic) {
    String name = topicName(topic);
    Map<String, String> config = new HashMap<>();
    if (topic.getSpec().getConfig() != null) {
      topic.getSpec().getConfig().forEach((k, v) -> config.put(k, String.valueOf(v)));
    }
    NewTopic wanted =
        new NewTopic(
                name, topic.getSpec().getPartitions(), topic.getSpec().getReplicas().shortValue())
            .configs(config);
    try {
      try {
        admin.createTopics(List.of(wanted)).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("Kafka refused topic " + name, e.getCause());
        }
      }
      // Strimzi reports Ready once the topic exists; here, once its partitions take writes.
      TopicLeaders.await(admin, List.of(name), Duration.ofSeconds(60));
      String topicId =
          admin
              .describeTopics(List.of(name))
              .allTopicNames()
              .get(30, TimeUnit.SECONDS)
              .get(name)
              .topicId()
              .toString();
      patchReadyStatus(client, topic, Optional.of(topicId));
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create or describe topic " + name, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A JSON merge patch of the status subresource, without a resourceVersion: Strimzi's status is
   * its own, so it does not conflict with the operator's writes of the spec and labels.
   */
  private static void patchReadyStatus(
      KubernetesClient client, KafkaTopic topic, Optional<String> topicId) {
    KafkaTopicStatus status =
        new KafkaTopicStatusBuilder()
            .withConditions(
                new ConditionBuilder()
                    .withType("Ready")
                    .withStatus("True")
                    .withLastTransitionTime(
                        Instant.now().truncatedTo(ChronoUnit.SECONDS).toString())
                    .build())
            .withObservedGeneration(topic.getMetadata().getGeneration())
            .withTopicName(topicName(topic))
            .withTopicId(topicId.orElse(null))
            .build();
    client
        .resources(KafkaTopic.class)
        .inNamespace(topic.getMetadata().getNamespace())
        .withName(topic.getMetadata().getName())
        .subresource("status")
        .patch(
            PatchContext.of(PatchType.JSON_MERGE), Serialization.asJson(Map.of("status", status)));
  }

  private static String topicName(KafkaTopic topic) {
    return topic.getSpec().getTopicName() != null
        ? topic.getSpec().getTopicName()
        : topic.getMetadata().getName();
  }
}
