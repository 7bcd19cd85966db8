package dev.sluice.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.DeletionPolicy;
import dev.sluice.api.v1alpha1.PipelinePhase;
import dev.sluice.api.v1alpha1.TopicProvisioner;
import dev.sluice.operator.OperatorHarness;
import dev.sluice.operator.contract.Contracts;
import dev.sluice.operator.pipeline.model.StagePods;
import dev.sluice.operator.pipeline.topics.TopicState;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.strimzi.api.kafka.model.common.ConditionBuilder;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.topic.KafkaTopicStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The DataPipeline controller, with the real JOSDK operator, against the mock API server. */
@EnableKubernetesMockClient(crud = true)
class DataPipelineReconcilerTest {
  static final String NS = "data";
  static final String BOOTSTRAP = "my-cluster-kafka-bootstrap.kafka:9092";
  static final List<String> TOPICS =
      List.of(
          "flights.raw",
          "flights.raw.dlq",
          "flights.enriched",
          "flights.enriched.dlq",
          "flights.loader.dlq");
  static final List<String> DEPLOYMENTS =
      List.of(
          "flights-collector",
          "flights-enricher",
          "flights-realtime-loader",
          "flights-batch-loader");

  KubernetesClient client;
  OperatorHarness harness;

  @BeforeEach
  void start() {
    harness = new OperatorHarness(client);
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("minio-credentials")
                .withNamespace(NS)
                .endMetadata()
                .withStringData(Map.of("accessKey", "sluice", "secretKey", "sluice-secret"))
                .build())
        .create();
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void createsTopicsBucketsAndEveryStageThenBecomesReady() {
    givenContract(1, Contracts.V1);
    client.resource(adminPipeline()).create();

    eventually()
        .untilAsserted(
            () -> {
              assertThat(harness.topics.topics(BOOTSTRAP)).containsOnlyKeys(TOPICS);
              assertThat(harness.buckets.buckets())
                  .containsExactlyInAnyOrder("flights-raw", "flights-curated");
              assertThat(deploymentNames()).containsExactlyInAnyOrderElementsOf(DEPLOYMENTS);
            });
    assertThat(harness.topics.topics(BOOTSTRAP).get("flights.raw"))
        .isEqualTo(new TopicState(3, 1, 604_800_000L));
    assertThat(harness.buckets.lastAccess().accessKey()).isEqualTo("sluice");
    eventually()
        .untilAsserted(
            () -> {
              assertThat(configMap("flights-curation")).isNotNull();
              assertThat(client.services().inNamespace(NS).withName("flights-collector").get())
                  .isNotNull();
              assertThat(
                      client
                          .batch()
                          .v1()
                          .cronjobs()
                          .inNamespace(NS)
                          .withName("flights-curation")
                          .get())
                  .isNotNull();
              assertThat(
                      client
                          .policy()
                          .v1()
                          .podDisruptionBudget()
                          .inNamespace(NS)
                          .withName("flights-collector")
                          .get())
                  .isNotNull();
            });
    Deployment enricher = deployment("flights-enricher");
    assertThat(enricher.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("DataPipeline"));
    assertThat(enricher.getSpec().getTemplate().getSpec().getVolumes())
        .anyMatch(
            v ->
                v.getConfigMap() != null
                    && v.getConfigMap().getName().equals("flight-departed-schemas"));

    DataPipeline provisioning =
        awaitCondition("StagesReady", c -> assertThat(c.getReason()).isEqualTo("StagesNotReady"));
    assertThat(condition(provisioning, "TopicsReady").getStatus()).isEqualTo(Condition.TRUE);
    assertThat(condition(provisioning, "BucketsReady").getStatus()).isEqualTo(Condition.TRUE);
    assertThat(condition(provisioning, "ContractsBound").getStatus()).isEqualTo(Condition.TRUE);
    assertThat(provisioning.getStatus().getPhase()).isEqualTo(PipelinePhase.Provisioning);
    assertThat(provisioning.getStatus().getStagesReady()).isEqualTo("0/4");
    assertThat(provisioning.getStatus().getTopics().getEnriched()).isEqualTo("flights.enriched");
    assertThat(provisioning.getStatus().getBuckets())
        .containsExactly("flights-raw", "flights-curated");
    String contractsBoundSince = condition(provisioning, "ContractsBound").getLastTransitionTime();

    DEPLOYMENTS.forEach(this::markReady);
    DataPipeline running =
        awaitCondition("Ready", c -> assertThat(c.getStatus()).isEqualTo(Condition.TRUE));
    assertThat(running.getStatus().getPhase()).isEqualTo(PipelinePhase.Running);
    assertThat(running.getStatus().getStagesReady()).isEqualTo("4/4");
    assertThat(running.getStatus().getStages())
        .extracting(s -> s.getName() + " " + s.getReadyReplicas() + "/" + s.getDesiredReplicas())
        .containsExactly(
            "collector 2/2", "enricher 1/1", "realtime-loader 1/1", "batch-loader 1/1");
    assertThat(running.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(condition(running, "ContractsBound").getLastTransitionTime())
        .as("a condition whose status did not change keeps its transition time")
        .isEqualTo(contractsBoundSince);
  }

  @Test
  void aSpecChangeRollsOnlyTheAffectedStage() {
    givenContract(1, Contracts.V1);
    client.resource(adminPipeline()).create();
    eventually().until(() -> deploymentNames().size() == 4);
    Map<String, String> before = hashes();

    edit(p -> p.getSpec().getEnricher().getEnrichments().remove(1));

    eventually()
        .untilAsserted(
            () ->
                assertThat(hashes().get("flights-enricher"))
                    .isNotEqualTo(before.get("flights-enricher")));
    Map<String, String> after = hashes();
    for (String other :
        List.of("flights-collector", "flights-realtime-loader", "flights-batch-loader")) {
      assertThat(after.get(other)).as(other).isEqualTo(before.get(other));
    }
    assertThat(configMap("flights-enricher").getData().get("stage.yaml"))
        .doesNotContain("destination-airport");
  }

  @Test
  void aContractChangeReachesThePipeline() {
    givenContract(1, Contracts.V1);
    client.resource(adminPipeline()).create();
    eventually().until(() -> deploymentNames().size() == 4);
    Map<String, String> before = hashes();

    client
        .resources(DataContract.class)
        .inNamespace(NS)
        .withName("flight-departed")
        .edit(
            c -> {
              c.setSpec(Contracts.contract("flight-departed", 2, Contracts.V2).getSpec());
              return c;
            });

    eventually()
        .untilAsserted(
            () -> {
              Map<String, String> after = hashes();
              assertThat(after.get("flights-collector"))
                  .isNotEqualTo(before.get("flights-collector"));
              assertThat(after.get("flights-enricher"))
                  .isNotEqualTo(before.get("flights-enricher"));
              assertThat(after.get("flights-batch-loader"))
                  .isEqualTo(before.get("flights-batch-loader"));
            });
    eventually()
        .untilAsserted(
            () ->
                assertThat(condition(pipeline(), "ContractsBound").getMessage())
                    .isEqualTo("bound to flight-departed v2"));
  }

  @Test
  void aMissingContractBlocksThePipelineUntilItExists() {
    client.resource(adminPipeline()).create();

    DataPipeline blocked =
        awaitCondition("Ready", c -> assertThat(c.getReason()).isEqualTo("ContractNotFound"));
    assertThat(condition(blocked, "Ready").getMessage()).contains("flight-departed");
    assertThat(blocked.getStatus().getPhase()).isEqualTo(PipelinePhase.Failed);
    assertThat(deploymentNames()).isEmpty();
    eventually().untilAsserted(() -> assertThat(warnings()).contains("ContractNotFound"));

    givenContract(1, Contracts.V1);
    eventually().until(() -> deploymentNames().size() == 4);
    awaitCondition("ContractsBound", c -> assertThat(c.getStatus()).isEqualTo(Condition.TRUE));
  }

  @Test
  void strimziWithoutItsCrdIsReported() {
    givenContract(1, Contracts.V1);
    client.resource(Pipelines.flights()).create();

    DataPipeline pipeline =
        awaitCondition("Ready", c -> assertThat(c.getReason()).isEqualTo("StrimziNotInstalled"));
    assertThat(condition(pipeline, "TopicsReady").getMessage())
        .contains("kafkatopics.kafka.strimzi.io");
    eventually().untilAsserted(() -> assertThat(warnings()).contains("StrimziNotInstalled"));
  }

  @Test
  void strimziTopicsAreKafkaTopicsReadyWhenStrimziSaysSo() {
    OperatorHarness.installKafkaTopicCrd(client);
    givenContract(1, Contracts.V1);
    client.resource(Pipelines.flights()).create();

    eventually().until(() -> kafkaTopics().size() == 5);
    KafkaTopic raw =
        kafkaTopics().stream()
            .filter(t -> t.getMetadata().getName().equals("flights.raw"))
            .findFirst()
            .orElseThrow();
    assertThat(raw.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", "my-cluster");
    assertThat(raw.getSpec().getPartitions()).isEqualTo(3);
    assertThat(raw.getSpec().getConfig()).containsEntry("retention.ms", 604_800_000);
    assertThat(raw.getMetadata().getOwnerReferences()).isNullOrEmpty();
    awaitCondition("TopicsReady", c -> assertThat(c.getReason()).isEqualTo("TopicsNotReady"));

    kafkaTopics().forEach(this::markTopicReady);
    awaitCondition("TopicsReady", c -> assertThat(c.getStatus()).isEqualTo(Condition.TRUE));
  }

  @Test
  void kafkaFailureIsReportedAndRetried() {
    harness.topics.failWith("broker my-cluster-kafka-bootstrap.kafka:9092 unreachable");
    givenContract(1, Contracts.V1);
    client.resource(adminPipeline()).create();

    DataPipeline failing =
        awaitCondition(
            "TopicsReady", c -> assertThat(c.getReason()).isEqualTo("TopicProvisioningFailed"));
    assertThat(condition(failing, "TopicsReady").getMessage()).contains("unreachable");
    assertThat(deploymentNames()).hasSize(4);

    harness.topics.recover();
    awaitCondition("TopicsReady", c -> assertThat(c.getStatus()).isEqualTo(Condition.TRUE));
  }

  @Test
  void missingObjectStoreCredentialsAreReported() {
    client.secrets().inNamespace(NS).withName("minio-credentials").delete();
    givenContract(1, Contracts.V1);
    client.resource(adminPipeline()).create();

    DataPipeline failing =
        awaitCondition(
            "BucketsReady", c -> assertThat(c.getReason()).isEqualTo("BucketProvisioningFailed"));
    assertThat(condition(failing, "BucketsReady").getMessage()).contains("minio-credentials");
  }

  @Test
  void deletingWithRetainKeepsTopicsAndBuckets() {
    givenContract(1, Contracts.V1);
    client.resource(adminPipeline()).create();
    eventually().until(() -> harness.topics.topics(BOOTSTRAP).size() == 5);
    eventually().until(() -> harness.buckets.buckets().size() == 2);

    client.resource(pipeline()).delete();

    eventually().until(() -> pipeline() == null);
    assertThat(harness.topics.topics(BOOTSTRAP)).hasSize(5);
    assertThat(harness.buckets.buckets()).hasSize(2);
  }

  @Test
  void deletingWithDeleteRemovesTopicsAndBuckets() {
    givenContract(1, Contracts.V1);
    DataPipeline pipeline = adminPipeline();
    pipeline.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    client.resource(pipeline).create();
    eventually().until(() -> harness.topics.topics(BOOTSTRAP).size() == 5);
    eventually().until(() -> harness.buckets.buckets().size() == 2);

    client.resource(pipeline()).delete();

    eventually().until(() -> pipeline() == null);
    assertThat(harness.topics.topics(BOOTSTRAP)).isEmpty();
    assertThat(harness.buckets.buckets()).isEmpty();
  }

  @Test
  void deletingWithDeleteRemovesStrimziKafkaTopics() {
    OperatorHarness.installKafkaTopicCrd(client);
    givenContract(1, Contracts.V1);
    DataPipeline pipeline = Pipelines.flights();
    pipeline.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
    client.resource(pipeline).create();
    eventually().until(() -> kafkaTopics().size() == 5);

    client.resource(pipeline()).delete();

    eventually().until(() -> pipeline() == null);
    eventually().until(() -> kafkaTopics().isEmpty());
  }

  // ---- helpers -------------------------------------------------------------------------------

  static DataPipeline adminPipeline() {
    DataPipeline pipeline = Pipelines.flights();
    pipeline.getSpec().getKafka().setProvisioner(TopicProvisioner.Admin);
    pipeline.getSpec().getKafka().setStrimziCluster(null);
    pipeline.getMetadata().setGeneration(null);
    return pipeline;
  }

  private void givenContract(int version, String schema) {
    client.resource(Contracts.contract("flight-departed", version, schema)).create();
    eventually()
        .until(
            () -> {
              DataContract c =
                  client
                      .resources(DataContract.class)
                      .inNamespace(NS)
                      .withName("flight-departed")
                      .get();
              return c.getStatus() != null && c.getStatus().getAcceptedVersion() != null;
            });
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200));
  }

  private DataPipeline pipeline() {
    return client.resources(DataPipeline.class).inNamespace(NS).withName("flights").get();
  }

  private void edit(Consumer<DataPipeline> change) {
    client
        .resources(DataPipeline.class)
        .inNamespace(NS)
        .withName("flights")
        .edit(
            p -> {
              change.accept(p);
              return p;
            });
  }

  private DataPipeline awaitCondition(String type, Consumer<Condition> check) {
    eventually()
        .untilAsserted(
            () -> {
              DataPipeline p = pipeline();
              assertThat(p.getStatus()).isNotNull();
              assertThat(p.getStatus().condition(type)).isPresent();
              check.accept(p.getStatus().condition(type).get());
            });
    return pipeline();
  }

  private static Condition condition(DataPipeline pipeline, String type) {
    return pipeline.getStatus().condition(type).orElseThrow();
  }

  private List<String> deploymentNames() {
    return client.apps().deployments().inNamespace(NS).list().getItems().stream()
        .map(d -> d.getMetadata().getName())
        .toList();
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private ConfigMap configMap(String name) {
    return client.configMaps().inNamespace(NS).withName(name).get();
  }

  private Map<String, String> hashes() {
    Map<String, String> hashes = new TreeMap<>();
    client
        .apps()
        .deployments()
        .inNamespace(NS)
        .list()
        .getItems()
        .forEach(
            d ->
                hashes.put(
                    d.getMetadata().getName(),
                    d.getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations()
                        .get(StagePods.CONFIG_HASH)));
    return hashes;
  }

  /** Plays the Deployment controller: every desired replica is ready. */
  private void markReady(String name) {
    Deployment deployment = deployment(name);
    int replicas = deployment.getSpec().getReplicas();
    deployment.setStatus(
        new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .build());
    client.resource(deployment).updateStatus();
  }

  /** Plays Strimzi's topic operator: the KafkaTopic is Ready. */
  private void markTopicReady(KafkaTopic topic) {
    KafkaTopicStatus status = new KafkaTopicStatus();
    status.setConditions(
        List.of(new ConditionBuilder().withType("Ready").withStatus("True").build()));
    status.setTopicName(topic.getSpec().getTopicName());
    topic.setStatus(status);
    client.resource(topic).updateStatus();
  }

  private List<KafkaTopic> kafkaTopics() {
    return client.resources(KafkaTopic.class).inNamespace(NS).list().getItems();
  }

  private List<String> warnings() {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals("flights"))
        .filter(e -> e.getType().equals("Warning"))
        .map(e -> e.getReason())
        .toList();
  }
}
