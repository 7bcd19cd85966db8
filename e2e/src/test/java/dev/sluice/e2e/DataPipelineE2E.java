package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.runtime.local.LocalKafkaBroker;
import dev.sluice.runtime.testing.LocalMinio;
import dev.sluice.runtime.testing.SharedKafka;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The operator on a real API server: the operator jar runs as a child JVM with the chart's RBAC (a
 * kubeconfig holding a token of the chart's ServiceAccount, so a missing rule fails here), the
 * chart's environment, a real KRaft broker and a real MinIO. Stage pods run on KWOK nodes (Ready,
 * no container), so what is checked is what the operator wrote: the API objects, the topics and the
 * buckets, the status and how the real controller-manager garbage-collects.
 */
@SluiceE2E
class DataPipelineE2E {

  private static final Duration PROVISION = Pipelines.PROVISION;
  private static final String CONFIG_HASH = "sluice.dev/config-hash";
  private static final String AIRPORTS =
      """
      iata,name,city,state,country,latitude,longitude
      ORD,Chicago O'Hare International,Chicago,IL,USA,41.979,-87.904
      LAX,Los Angeles International,Los Angeles,CA,USA,33.942,-118.408
      """;

  private static LocalKafkaBroker kafka;
  private static LocalMinio minio;
  private static Admin admin;
  private static ChartOperator operator;

  @RegisterExtension
  static final TestWatcher PRINT_OPERATOR_LOG_ON_FAILURE =
      ChartOperator.printLogOnFailure(() -> operator);

  @BeforeAll
  static void startTheOperator(Cluster cluster, TestNamespace namespace) {
    String ns = namespace.name();
    kafka = SharedKafka.broker();
    minio = LocalMinio.shared();
    admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                10_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                15_000));
    cluster.installSluiceCrds();
    cluster.installStrimziKafkaTopicCrd();
    operator = ChartOperator.install(cluster, ns, ChartOperator.FAST_POLLS);

    KubernetesClient client = cluster.client();
    client
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
    client
        .resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("airports")
                .withNamespace(ns)
                .endMetadata()
                .addToData("airports.csv", AIRPORTS)
                .build())
        .create();
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
    if (admin != null) {
      admin.close();
    }
  }

  @Test
  void provisionsTheFlightsPipeline(Cluster cluster, TestNamespace namespace) throws Exception {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();

    await("DataContract flight-departed Ready with acceptedVersion 1")
        .atMost(PROVISION)
        .untilAsserted(
            () -> {
              DataContract contract =
                  client
                      .resources(DataContract.class)
                      .inNamespace(ns)
                      .withName("flight-departed")
                      .get();
              assertThat(contract.getStatus()).isNotNull();
              assertThat(ready(contract.getStatus().condition("Ready"))).isEqualTo("True");
              assertThat(contract.getStatus().getAcceptedVersion()).isEqualTo(1);
            });
    assertThat(client.configMaps().inNamespace(ns).withName("flight-departed-schemas").get())
        .isNotNull();

    applyPipeline(cluster, ns, "flights", "Retain");
    awaitPipelineReady(client, ns, "flights");

    assertTopics("flights");
    assertThat(bucketsExist(List.of("flights-raw", "flights-curated"))).containsExactly(true, true);
    for (String stage : List.of("collector", "enricher", "batch-loader")) {
      assertThat(client.apps().deployments().inNamespace(ns).withName("flights-" + stage).get())
          .as("Deployment flights-%s", stage)
          .isNotNull();
    }
    assertThat(
            client.apps().deployments().inNamespace(ns).withName("flights-realtime-loader").get())
        .isNull();
    assertThat(client.services().inNamespace(ns).withName("flights-collector").get()).isNotNull();
    for (String stage : List.of("collector", "enricher", "batch-loader", "curation")) {
      assertThat(client.configMaps().inNamespace(ns).withName("flights-" + stage).get())
          .as("ConfigMap flights-%s", stage)
          .isNotNull();
    }
    assertThat(client.batch().v1().cronjobs().inNamespace(ns).withName("flights-curation").get())
        .isNotNull();
    assertThat(
            client
                .pods()
                .inNamespace(ns)
                .withLabel("sluice.dev/pipeline", "flights")
                .list()
                .getItems())
        .hasSize(4)
        .allSatisfy(
            pod ->
                assertThat(pod.getStatus().getConditions())
                    .anySatisfy(
                        c -> {
                          assertThat(c.getType()).isEqualTo("Ready");
                          assertThat(c.getStatus()).isEqualTo("True");
                        }));

    assertThat(printerColumns(cluster.kubectl().succeed("get", "dp", "flights", "-n", ns)))
        .containsEntry("NAME", "flights")
        .containsEntry("READY", "True")
        .containsEntry("PHASE", "Running")
        .containsEntry("STAGES", "3/3");
  }

  /**
   * The operator writes the {@code <contract>-schemas} ConfigMap of a newly accepted version with
   * PUT even with server-side apply on; this found the chart's missing {@code update} on ConfigMaps
   * (see e2e/README.md).
   */
  @Test
  void contractVersion2RollsTheEnricherButNotTheBatchLoader(
      Cluster cluster, TestNamespace namespace) throws Exception {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    applyPipeline(cluster, ns, "flights-roll", "Retain");
    awaitPipelineReady(client, ns, "flights-roll");

    // A compatible contract change (a new optional property, version 2).
    String enricherHash = configHash(client, ns, "flights-roll-enricher");
    String batchHash = configHash(client, ns, "flights-roll-batch-loader");
    Long batchGeneration =
        client
            .apps()
            .deployments()
            .inNamespace(ns)
            .withName("flights-roll-batch-loader")
            .get()
            .getMetadata()
            .getGeneration();
    cluster.kubectl().runWithInput(contractVersion2(), "apply", "-n", ns, "-f", "-");
    await("DataContract flight-departed acceptedVersion 2")
        .atMost(PROVISION)
        .untilAsserted(
            () ->
                assertThat(
                        client
                            .resources(DataContract.class)
                            .inNamespace(ns)
                            .withName("flight-departed")
                            .get()
                            .getStatus()
                            .getAcceptedVersion())
                    .isEqualTo(2));
    await("the enricher's config hash changes")
        .atMost(PROVISION)
        .until(() -> !enricherHash.equals(configHash(client, ns, "flights-roll-enricher")));
    awaitPipelineReady(client, ns, "flights-roll");
    assertThat(configHash(client, ns, "flights-roll-batch-loader")).isEqualTo(batchHash);
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(ns)
                .withName("flights-roll-batch-loader")
                .get()
                .getMetadata()
                .getGeneration())
        .isEqualTo(batchGeneration);
  }

  @Test
  void deletionPolicyRetainKeepsTopicsAndBuckets(Cluster cluster, TestNamespace namespace)
      throws Exception {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    String name = "flights-retain";
    applyPipeline(cluster, ns, name, "Retain");
    awaitPipelineReady(client, ns, name);

    deleteAndAwaitGarbageCollection(client, ns, name);

    assertTopics(name);
    assertThat(bucketsExist(List.of(name + "-raw", name + "-curated"))).containsExactly(true, true);
  }

  @Test
  void deletionPolicyDeleteRemovesTopicsAndBuckets(Cluster cluster, TestNamespace namespace)
      throws Exception {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    String name = "flights-delete";
    applyPipeline(cluster, ns, name, "Delete");
    awaitPipelineReady(client, ns, name);
    assertTopics(name);

    deleteAndAwaitGarbageCollection(client, ns, name);

    Set<String> topics = topicNames(name);
    assertThat(admin.listTopics().names().get(15, TimeUnit.SECONDS))
        .doesNotContainAnyElementsOf(topics);
    assertThat(bucketsExist(List.of(name + "-raw", name + "-curated")))
        .containsExactly(false, false);
  }

  private static void applyPipeline(Cluster cluster, String ns, String name, String policy) {
    cluster
        .kubectl()
        .succeedWithInput(
            Pipelines.admin(name, kafka.bootstrapServers(), minio.endpoint(), policy),
            "apply",
            "-n",
            ns,
            "-f",
            "-");
  }

  private static void awaitPipelineReady(KubernetesClient client, String ns, String name) {
    Pipelines.awaitReady(client, ns, name);
  }

  private static void deleteAndAwaitGarbageCollection(
      KubernetesClient client, String ns, String name) {
    client.resources(DataPipeline.class).inNamespace(ns).withName(name).delete();
    await("DataPipeline " + name + " gone (the operator removed its finalizer)")
        .atMost(PROVISION)
        .until(
            () ->
                client.resources(DataPipeline.class).inNamespace(ns).withName(name).get() == null);
    await("the Deployments of " + name + " garbage-collected by the controller-manager")
        .atMost(PROVISION)
        .until(
            () ->
                client
                    .apps()
                    .deployments()
                    .inNamespace(ns)
                    .withLabel("sluice.dev/pipeline", name)
                    .list()
                    .getItems()
                    .isEmpty());
  }

  /** The five topics exist in the broker with 3 partitions and retention.ms of 7 days. */
  private static void assertTopics(String pipeline) throws Exception {
    Set<String> names = topicNames(pipeline);
    await("five topics of " + pipeline + " in Kafka")
        .atMost(PROVISION)
        .until(() -> admin.listTopics().names().get(15, TimeUnit.SECONDS).containsAll(names));
    Map<String, TopicDescription> described =
        admin.describeTopics(names).allTopicNames().get(15, TimeUnit.SECONDS);
    assertThat(described.values())
        .allSatisfy(t -> assertThat(t.partitions()).as(t.name()).hasSize(3));
    var configs =
        admin
            .describeConfigs(
                names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList())
            .all()
            .get(15, TimeUnit.SECONDS);
    assertThat(configs.values())
        .allSatisfy(c -> assertThat(c.get("retention.ms").value()).isEqualTo("604800000"));
  }

  private static Set<String> topicNames(String pipeline) {
    PipelineTopics t = PipelineTopics.forPipeline(pipeline);
    return Set.of(
        t.getRaw(),
        t.getRawDeadLetter(),
        t.getEnriched(),
        t.getEnrichedDeadLetter(),
        t.getLoaderDeadLetter());
  }

  private static String configHash(KubernetesClient client, String ns, String deployment) {
    Deployment d = client.apps().deployments().inNamespace(ns).withName(deployment).get();
    return d.getSpec().getTemplate().getMetadata().getAnnotations().get(CONFIG_HASH);
  }

  @SuppressWarnings("unchecked")
  private static String contractVersion2() throws IOException {
    GenericKubernetesResource contract;
    try (InputStream in =
        Files.newInputStream(Repo.root().resolve("samples/flights/contract.yaml"))) {
      contract = Serialization.unmarshal(in, GenericKubernetesResource.class);
    }
    Map<String, Object> spec = (Map<String, Object>) contract.getAdditionalProperties().get("spec");
    spec.put("version", 2);
    Map<String, Object> schema =
        (Map<String, Object>) ((Map<String, Object>) spec.get("schema")).get("jsonSchema");
    ((Map<String, Object>) schema.get("properties"))
        .put(
            "tailNumber",
            Map.of("description", "Registration of the aircraft, when known.", "type", "string"));
    return Serialization.asYaml(contract);
  }

  /** The first row of {@code kubectl get} output, keyed by column header. */
  private static Map<String, String> printerColumns(String table) {
    List<String> lines = table.lines().toList();
    String[] header = lines.get(0).trim().split("\\s+");
    String[] row = lines.get(1).trim().split("\\s+");
    assertThat(row).as(table).hasSameSizeAs(header);
    Map<String, String> columns = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      columns.put(header[i], row[i]);
    }
    return columns;
  }

  private static String ready(Optional<Condition> condition) {
    return condition.map(Condition::getStatus).orElse(null);
  }

  /** Whether each of {@code buckets} exists in the MinIO, in order. */
  private static List<Boolean> bucketsExist(List<String> buckets) {
    MinioClient client =
        MinioClient.builder()
            .endpoint(minio.endpoint())
            .region("us-east-1")
            .credentials(LocalMinio.ACCESS_KEY, LocalMinio.SECRET_KEY)
            .build();
    List<Boolean> exist = new ArrayList<>();
    for (String bucket : buckets) {
      try {
        exist.add(client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
      } catch (Exception e) {
        throw new IllegalStateException("cannot ask MinIO about bucket " + bucket, e);
      }
    }
    return exist;
  }
}
