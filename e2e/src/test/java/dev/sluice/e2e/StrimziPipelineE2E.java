package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.PipelinePhase;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.runtime.testing.LocalMinio;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * DataPipelines with {@code provisioner: Strimzi} (the flights sample) on the real API server, with
 * the operator of the chart as a local process. No Strimzi runs here: where Strimzi's topic
 * operator would create a topic and report its KafkaTopic Ready, the test does it ({@link
 * TopicOperatorStandIn}).
 */
@SluiceE2E
class StrimziPipelineE2E {

  private static final String STRIMZI_CLUSTER = "my-cluster";
  private static final String WEEK_MS = "604800000";

  private static LocalMinio minio;
  private static ChartOperator operator;

  @RegisterExtension
  static final TestWatcher PRINT_OPERATOR_LOG_ON_FAILURE =
      ChartOperator.printLogOnFailure(() -> operator);

  @BeforeAll
  static void startTheOperator(Cluster cluster, TestNamespace namespace) {
    String ns = namespace.name();
    minio = LocalMinio.shared();
    cluster.installSluiceCrds();
    cluster.installStrimziKafkaTopicCrd();
    operator = ChartOperator.install(cluster, ns, ChartOperator.FAST_POLLS);
    cluster
        .client()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("minio-credentials")
                .withNamespace(ns)
                .endMetadata()
                .addToStringData("accessKey", LocalMinio.ACCESS_KEY)
                .addToStringData("secretKey", LocalMinio.SECRET_KEY)
                .build())
        .create();
    cluster
        .kubectl()
        .succeed(
            "create", "configmap", "airports", "-n", ns, "--from-file=" + FlightsData.airports());
    cluster
        .kubectl()
        .succeed(
            "apply",
            "-n",
            ns,
            "-f",
            Repo.root().resolve("samples/flights/contract.yaml").toString());
  }

  @AfterAll
  static void stopTheOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void thePipelineWaitsUntilStrimziReportsEveryKafkaTopicReady(
      Cluster cluster, TestNamespace namespace) {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    String name = "flights-strimzi";
    cluster
        .kubectl()
        .succeedWithInput(
            Pipelines.flightsSample(name, minio.endpoint()), "apply", "-n", ns, "-f", "-");

    List<String> topicNames = topicNames(name);
    List<KafkaTopic> topics =
        await("the five KafkaTopics of " + name)
            .atMost(Pipelines.PROVISION)
            .until(() -> kafkaTopics(client, ns, name), t -> t.size() == topicNames.size());
    assertThat(topics).extracting(t -> t.getMetadata().getName()).isEqualTo(topicNames);
    assertThat(topics)
        .allSatisfy(
            topic -> {
              String topicName = topic.getMetadata().getName();
              assertThat(topic.getSpec().getTopicName()).isEqualTo(topicName);
              assertThat(topic.getSpec().getPartitions()).as(topicName).isEqualTo(3);
              assertThat(topic.getSpec().getReplicas()).as(topicName).isEqualTo(1);
              assertThat(topic.getSpec().getConfig())
                  .as(topicName)
                  .hasSize(1)
                  .hasEntrySatisfying(
                      "retention.ms", v -> assertThat(String.valueOf(v)).isEqualTo(WEEK_MS));
              assertThat(topic.getMetadata().getLabels())
                  .containsEntry("strimzi.io/cluster", STRIMZI_CLUSTER)
                  .containsEntry("sluice.dev/pipeline", name)
                  .containsEntry("app.kubernetes.io/managed-by", "sluice-operator");
              // Not owned: under deletionPolicy Retain the topics outlive the pipeline.
              assertThat(topic.getMetadata().getOwnerReferences()).isNullOrEmpty();
              assertThat(topic.getStatus()).isNull();
            });

    // Everything else is there (buckets, KWOK pods Ready): only the topics hold the pipeline back.
    awaitConditions(
        client,
        ns,
        name,
        dp -> {
          assertThat(Pipelines.status(dp, "ContractsBound")).isEqualTo("True");
          assertThat(Pipelines.status(dp, "BucketsReady")).isEqualTo("True");
          assertThat(Pipelines.status(dp, "StagesReady")).isEqualTo("True");
          assertWaitingFor(dp, topicNames);
        });

    List<KafkaTopic> allButLast = topics.subList(0, topics.size() - 1);
    allButLast.forEach(t -> TopicOperatorStandIn.markReady(client, t));
    String last = topicNames.getLast();
    awaitConditions(client, ns, name, dp -> assertWaitingFor(dp, List.of(last)));
    assertThat(Pipelines.get(client, ns, name).getStatus().getPhase())
        .isEqualTo(PipelinePhase.Provisioning);

    TopicOperatorStandIn.markReady(client, topics.getLast());
    Pipelines.awaitReady(client, ns, name);
    DataPipeline ready = Pipelines.get(client, ns, name);
    assertThat(Pipelines.condition(ready, "TopicsReady"))
        .hasValueSatisfying(
            c -> {
              assertThat(c.getStatus()).isEqualTo("True");
              assertThat(c.getReason()).isEqualTo("TopicsReady");
              assertThat(c.getMessage()).isEqualTo("5 KafkaTopics ready");
            });
    assertThat(ready.getStatus().getPhase()).isEqualTo(PipelinePhase.Running);
  }

  /** TopicsReady=False and Ready=False, reason TopicsNotReady, naming exactly {@code waiting}. */
  private static void assertWaitingFor(DataPipeline dp, List<String> waiting) {
    Condition topicsReady = Pipelines.condition(dp, "TopicsReady").orElseThrow();
    assertThat(topicsReady.getStatus()).isEqualTo("False");
    assertThat(topicsReady.getReason()).isEqualTo("TopicsNotReady");
    String prefix = "waiting for Strimzi to report KafkaTopic Ready: ";
    assertThat(topicsReady.getMessage()).startsWith(prefix);
    assertThat(topicsReady.getMessage().substring(prefix.length()).split(", "))
        .containsExactlyInAnyOrderElementsOf(waiting);
    Condition ready = Pipelines.condition(dp, "Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("TopicsNotReady");
  }

  private static void awaitConditions(
      KubernetesClient client,
      String ns,
      String name,
      java.util.function.Consumer<DataPipeline> assertion) {
    await("conditions of DataPipeline " + name)
        .atMost(Pipelines.PROVISION)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(() -> assertion.accept(Pipelines.get(client, ns, name)));
  }

  /** The pipeline's KafkaTopics, sorted by name. */
  static List<KafkaTopic> kafkaTopics(KubernetesClient client, String ns, String pipeline) {
    return client
        .resources(KafkaTopic.class)
        .inNamespace(ns)
        .withLabels(Map.of("sluice.dev/pipeline", pipeline))
        .list()
        .getItems()
        .stream()
        .sorted(Comparator.comparing(t -> t.getMetadata().getName()))
        .toList();
  }

  /** The five topic names of a pipeline, sorted. */
  static List<String> topicNames(String pipeline) {
    PipelineTopics t = PipelineTopics.forPipeline(pipeline);
    return java.util.stream.Stream.of(
            t.getRaw(),
            t.getRawDeadLetter(),
            t.getEnriched(),
            t.getEnrichedDeadLetter(),
            t.getLoaderDeadLetter())
        .sorted()
        .toList();
  }
}
