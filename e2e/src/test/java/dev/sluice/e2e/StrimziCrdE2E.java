package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.Crds;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicBuilder;
import org.junit.jupiter.api.Test;

/**
 * Strimzi's KafkaTopic CRD, generated from the {@code io.strimzi:api} jar, installs on a real API
 * server and takes the KafkaTopics the operator will write with Strimzi's model classes.
 */
@SluiceE2E
class StrimziCrdE2E {

  @Test
  void kafkaTopicCrdIsEstablishedAndAcceptsStrimziTopics(
      Cluster cluster, KubernetesClient client, Kubectl kubectl, TestNamespace namespace) {
    CustomResourceDefinition crd = cluster.installStrimziKafkaTopicCrd();
    KafkaTopic topic =
        new KafkaTopicBuilder()
            .withNewMetadata()
            .withName("flights.raw")
            .withNamespace(namespace.name())
            .addToLabels("strimzi.io/cluster", "my-cluster")
            .endMetadata()
            .withNewSpec()
            .withPartitions(3)
            .withReplicas(1)
            .addToConfig("retention.ms", 604800000L)
            .endSpec()
            .build();

    Crds.topicOperation(client).resource(topic).create();

    assertThat(crd.getMetadata().getName()).isEqualTo("kafkatopics.kafka.strimzi.io");
    assertThat(
            CrdInstaller.condition(
                CrdInstaller.current(client, crd.getMetadata().getName()), "NonStructuralSchema"))
        .isEmpty();
    KafkaTopic stored =
        Crds.topicOperation(client).inNamespace(namespace.name()).withName("flights.raw").get();
    assertThat(stored.getSpec().getPartitions()).isEqualTo(3);
    assertThat(stored.getSpec().getConfig()).containsEntry("retention.ms", 604800000);
    assertThat(kubectl.succeed("get", "kt", "-n", namespace.name()))
        .contains("flights.raw", "my-cluster", "PARTITIONS");
  }
}
