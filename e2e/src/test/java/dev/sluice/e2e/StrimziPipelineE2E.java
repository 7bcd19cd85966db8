package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.PipelinePhase;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.runtime.local.LocalKafkaBroker;
import dev.sluice.runtime.testing.KafkaOffsets;
import dev.sluice.runtime.testing.LocalMinio;
import dev.sluice.runtime.testing.LocalOpenSearch;
import dev.sluice.runtime.testing.SearchQueries;
import dev.sluice.runtime.testing.SharedKafka;
import dev.sluice.runtime.testing.StoredEvents;
import io.cloudevents.CloudEvent;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
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

  private static final int FLIGHTS = 2_000;
  private static final Duration FLOW = Duration.ofMinutes(3);

  private static LocalMinio minio;
  private static CompletableFuture<LocalOpenSearch> openSearch;
  private static ChartOperator operator;
  private static final List<StageProcess> processes = new ArrayList<>();

  @RegisterExtension
  static final TestWatcher PRINT_OPERATOR_LOG_ON_FAILURE =
      ChartOperator.printLogOnFailure(() -> operator);

  @BeforeAll
  static void startTheOperator(Cluster cluster, TestNamespace namespace) {
    String ns = namespace.name();
    // OpenSearch takes 20-60 s to start: it does so while the operator starts.
    openSearch = CompletableFuture.supplyAsync(LocalOpenSearch::shared);
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
  static void stopTheStagesAndTheOperator() {
    processes.forEach(StageProcess::close);
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

    // A reconciliation with nothing to change writes no KafkaTopic (each write would be an event
    // for Strimzi's topic operator). A contract change reaches the pipeline's reconciler.
    Map<String, String> versions = resourceVersions(kafkaTopics(client, ns, name));
    long reconciled = ReconcileCounter.started(operator.process().metrics(), "DataPipeline", name);
    cluster
        .kubectl()
        .succeed("annotate", "datacontract", "flight-departed", "-n", ns, "e2e/touched=" + name);
    await("another reconciliation of " + name)
        .atMost(Pipelines.PROVISION)
        .until(
            () ->
                ReconcileCounter.started(operator.process().metrics(), "DataPipeline", name)
                    > reconciled);
    Pipelines.awaitReady(client, ns, name);
    assertThat(resourceVersions(kafkaTopics(client, ns, name))).isEqualTo(versions);
  }

  private static Map<String, String> resourceVersions(List<KafkaTopic> topics) {
    Map<String, String> versions = new HashMap<>();
    topics.forEach(
        t -> versions.put(t.getMetadata().getName(), t.getMetadata().getResourceVersion()));
    return versions;
  }

  /**
   * The flights sample end to end: the operator renders the stage ConfigMaps and Deployments, the
   * stages run as local processes from exactly those objects ({@link LocalPod}: their {@code
   * stage.yaml}, the contract and airports ConfigMaps, the Secret's keys as env), and {@code sluice
   * send} posts 2,000 real flights to the collector. Only endpoints are overridden, through the
   * runtime's documented variables: the sample names in-cluster hosts.
   */
  @Test
  void theFlightsSampleFlowsThroughTheStagesTheOperatorRendered(
      Cluster cluster, TestNamespace namespace) throws Exception {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    String name = "flights";
    LocalKafkaBroker kafka = SharedKafka.broker();
    LocalOpenSearch search = openSearch.join();
    cluster
        .kubectl()
        .succeedWithInput(
            Pipelines.flightsSample(name, minio.endpoint()), "apply", "-n", ns, "-f", "-");

    // Strimzi's part: the topics in the broker as the KafkaTopics say, then their status.
    List<KafkaTopic> topics =
        await("the five KafkaTopics of " + name)
            .atMost(Pipelines.PROVISION)
            .until(() -> kafkaTopics(client, ns, name), t -> t.size() == 5);
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      topics.forEach(t -> TopicOperatorStandIn.createAndMarkReady(client, admin, t));
    }
    Pipelines.awaitReady(client, ns, name);

    Path work = Files.createDirectories(Repo.workDir().resolve("flights-flow").resolve(ns));
    Map<String, String> endpoints =
        Map.of(
            "SLUICE_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
            "SLUICE_OBJECTSTORE_ENDPOINT", minio.endpoint(),
            "SLUICE_REALTIME_URL", search.url());
    int collectorPort = 0;
    for (String stage : List.of("realtime-loader", "batch-loader", "enricher", "collector")) {
      int port = startStage(client, ns, name + "-" + stage, endpoints, work.resolve(stage));
      if (stage.equals("collector")) {
        collectorPort = port;
      }
    }

    StageProcess send =
        StageProcess.start(
            "sluice send",
            List.of(
                "send",
                "--file",
                FlightsData.flights20k().toString(),
                "--type",
                "flight.departed",
                "--time-field",
                "date",
                "--key-field",
                "origin",
                "--limit",
                Integer.toString(FLIGHTS),
                "--collector",
                "http://127.0.0.1:" + collectorPort,
                "--quiet"),
            Map.of(),
            work.resolve("send.log"));
    assertThat(send.awaitExit(Duration.ofMinutes(2))).as(send.output()).isZero();
    assertThat(send.output())
        .containsPattern("sent 2[,.]?000  accepted 2[,.]?000  rejected 0  failed 0");

    String bootstrap = kafka.bootstrapServers();
    PipelineTopics t = PipelineTopics.forPipeline(name);
    assertThat(KafkaOffsets.end(bootstrap, t.getRaw())).isEqualTo(FLIGHTS);
    SearchQueries opensearch = new SearchQueries(search.url());
    await("2,000 flights enriched, indexed in OpenSearch and stored in MinIO")
        .atMost(FLOW)
        .pollInterval(Duration.ofSeconds(2))
        .untilAsserted(
            () -> {
              assertThat(KafkaOffsets.end(bootstrap, t.getEnriched())).isEqualTo(FLIGHTS);
              assertThat(opensearch.count("flights-2*", null)).isEqualTo(FLIGHTS);
              assertThat(storedEvents()).hasSize(FLIGHTS);
            });

    // Nothing was dead-lettered anywhere, and nothing was stored twice.
    assertThat(KafkaOffsets.end(bootstrap, t.getRawDeadLetter())).isZero();
    assertThat(KafkaOffsets.end(bootstrap, t.getEnrichedDeadLetter())).isZero();
    assertThat(KafkaOffsets.end(bootstrap, t.getLoaderDeadLetter())).isZero();
    assertThat(opensearch.count("flights-dlq-*", null)).isZero();
    assertThat(storedEvents().stream().map(CloudEvent::getId).distinct()).hasSize(FLIGHTS);
    // The enricher's airport lookup came from the airports ConfigMap it mounts.
    assertThat(opensearch.count("flights-2*", "_exists_:data.origin_city")).isEqualTo(FLIGHTS);
    // The realtime loader mapped data from the contract's JSON Schema (a string -> keyword;
    // without the contract, dynamic mapping makes it text).
    assertThat(opensearch.fieldType("flights-2001.01.01", "data.origin")).isEqualTo("keyword");
  }

  /**
   * Runs one stage the way its pod would: the Deployment's pod template laid out locally, plus a
   * free HTTP (and gRPC) port, the KWOK pod's name as instance, and the endpoint overrides.
   *
   * @return the stage's HTTP port
   */
  private static int startStage(
      KubernetesClient client,
      String ns,
      String deploymentName,
      Map<String, String> endpoints,
      Path root) {
    Deployment deployment =
        client.apps().deployments().inNamespace(ns).withName(deploymentName).get();
    assertThat(deployment).as("Deployment %s", deploymentName).isNotNull();
    String podName =
        client
            .pods()
            .inNamespace(ns)
            .withLabels(deployment.getSpec().getSelector().getMatchLabels())
            .list()
            .getItems()
            .getFirst()
            .getMetadata()
            .getName();
    LocalPod pod = LocalPod.materialize(client, deployment, podName, root);
    Map<String, String> env = new HashMap<>(pod.env());
    env.putAll(endpoints);
    int httpPort = ChartOperator.freePort();
    env.put("SLUICE_HTTP_PORT", Integer.toString(httpPort));
    env.put("SLUICE_GRPC_PORT", Integer.toString(ChartOperator.freePort()));
    // A pod's host name is its name; the runtime takes its instance name from it.
    env.put("SLUICE_INSTANCE", podName);
    // The stage.yaml names the contract and table directories as the pod mounts them.
    env.put("SLUICE_CONTRACTS_DIR", pod.localPath(StageConfig.DEFAULT_CONTRACTS_DIR));
    env.put("SLUICE_TABLES_DIR", pod.localPath(StageConfig.DEFAULT_TABLES_DIR));
    StageProcess stage =
        StageProcess.start(deploymentName, pod.args(), env, root.resolve("stage.log"));
    processes.add(stage);
    stage.awaitReady(httpPort, Duration.ofMinutes(2));
    return httpPort;
  }

  /** Every event in the batch loader's objects of {@code flights-raw/events/}. */
  private static List<CloudEvent> storedEvents() throws IOException {
    return StoredEvents.read(minio.store(), "flights-raw", "events/").values().stream()
        .flatMap(List::stream)
        .toList();
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
