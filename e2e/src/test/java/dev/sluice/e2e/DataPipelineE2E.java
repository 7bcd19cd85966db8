package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.runtime.local.LocalKafkaBroker;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
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

  private static final Duration PROVISION = Duration.ofMinutes(2);
  private static final String CONFIG_HASH = "sluice.dev/config-hash";
  private static final String AIRPORTS =
      """
      iata,name,city,state,country,latitude,longitude
      ORD,Chicago O'Hare International,Chicago,IL,USA,41.979,-87.904
      LAX,Los Angeles International,Los Angeles,CA,USA,33.942,-118.408
      """;

  private static Path work;
  private static LocalKafkaBroker kafka;
  private static MinioServer minio;
  private static Admin admin;
  private static OperatorProcess operator;
  private static final List<HasMetadata> clusterScoped = new ArrayList<>();

  @RegisterExtension
  static final TestWatcher PRINT_OPERATOR_LOG_ON_FAILURE =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          if (operator != null) {
            System.err.println("---- operator log (" + operator.log() + "), last 150 lines ----");
            System.err.println(operator.logTail(150));
          }
        }
      };

  @BeforeAll
  static void startKafkaMinioAndTheOperator(Cluster cluster, TestNamespace namespace)
      throws IOException {
    String ns = namespace.name();
    work = Files.createDirectories(Repo.workDir().resolve("data-pipeline-e2e").resolve(ns));
    kafka = new LocalKafkaBroker(work.resolve("kafka"), 0, 384).start();
    minio = MinioServer.start(work.resolve("minio"));
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

    // The chart, rendered for this namespace; its RBAC applied, its Deployment replaced by a
    // local process with the same environment.
    List<HasMetadata> chart =
        parse(cluster.client(), Helm.template(ns, ns, "--set", "watchNamespaces={" + ns + "}"));
    List<HasMetadata> rbac =
        chart.stream()
            .filter(
                o ->
                    o instanceof ServiceAccount
                        || o instanceof Role
                        || o instanceof RoleBinding
                        || o instanceof ClusterRole
                        || o instanceof ClusterRoleBinding)
            .toList();
    rbac.stream()
        .filter(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding)
        .forEach(clusterScoped::add);
    CommandResult applied =
        cluster
            .kubectl()
            .runWithInput(
                Serialization.asYaml(new KubernetesListBuilder().withItems(rbac).build()),
                "apply",
                "-f",
                "-");
    assertThat(applied.succeeded()).as(applied.describe()).isTrue();
    String serviceAccount =
        rbac.stream()
            .filter(ServiceAccount.class::isInstance)
            .findFirst()
            .orElseThrow()
            .getMetadata()
            .getName();
    Path kubeconfig = serviceAccountKubeconfig(cluster.kubectl(), ns, serviceAccount);

    Map<String, String> env = chartEnvironment(chart);
    env.put("KUBECONFIG", kubeconfig.toString());
    env.put("POD_NAMESPACE", ns);
    env.put("SLUICE_HTTP_PORT", Integer.toString(freePort()));
    // Poll what the operator provisions outside Kubernetes more often than the chart's 30/60 s.
    env.put("SLUICE_TOPIC_POLL_SECONDS", "5");
    env.put("SLUICE_BUCKET_POLL_SECONDS", "5");
    env.put("SLUICE_RETRY_MAX_INTERVAL_SECONDS", "10");
    operator = OperatorProcess.start(env, Repo.workDir().resolve("operator-" + ns + ".log"));
    operator.awaitReady(Duration.ofMinutes(2));

    KubernetesClient client = cluster.client();
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("minio-credentials")
                .withNamespace(ns)
                .endMetadata()
                .addToStringData("accessKey", MinioServer.ACCESS_KEY)
                .addToStringData("secretKey", MinioServer.SECRET_KEY)
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
  static void stopEverything(KubernetesClient client, TestNamespace namespace) {
    if (operator != null) {
      // Pipelines carry the operator's finalizer: delete them while it runs, or the namespace
      // would never go away.
      client.resources(DataPipeline.class).inNamespace(namespace.name()).delete();
      await("every DataPipeline finalized")
          .atMost(PROVISION)
          .until(
              () ->
                  client
                      .resources(DataPipeline.class)
                      .inNamespace(namespace.name())
                      .list()
                      .getItems()
                      .isEmpty());
      operator.close();
    }
    for (HasMetadata object : clusterScoped) {
      client.resource(object).delete();
    }
    if (admin != null) {
      admin.close();
    }
    if (minio != null) {
      minio.close();
    }
    if (kafka != null) {
      kafka.close();
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
    assertThat(minio.bucketsExist(List.of("flights-raw", "flights-curated")))
        .containsExactly(true, true);
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
   * KNOWN FAILURE on the real API server, left out: the operator writes the {@code
   * <contract>-schemas} ConfigMap of a newly accepted version with PUT (update) although
   * server-side apply is on, and the chart grants no {@code update} then. Version 1 is created
   * (create is granted); version 2 is refused with 403 "cannot update resource configmaps", retried
   * forever, so {@code acceptedVersion} stays 1 and nothing rolls. Enable once the operator applies
   * that ConfigMap server-side (or the chart grants update).
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
    assertThat(minio.bucketsExist(List.of(name + "-raw", name + "-curated")))
        .containsExactly(true, true);
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
    assertThat(minio.bucketsExist(List.of(name + "-raw", name + "-curated")))
        .containsExactly(false, false);
  }

  private static void applyPipeline(Cluster cluster, String ns, String name, String policy)
      throws IOException {
    String yaml;
    try (InputStream in = DataPipelineE2E.class.getResourceAsStream("/operator/pipeline.yaml")) {
      yaml = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
    yaml =
        yaml.replace("${name}", name)
            .replace("${bootstrapServers}", kafka.bootstrapServers())
            .replace("${objectStoreEndpoint}", minio.endpoint())
            .replace("${deletionPolicy}", policy);
    CommandResult applied = cluster.kubectl().runWithInput(yaml, "apply", "-n", ns, "-f", "-");
    assertThat(applied.succeeded()).as(applied.describe()).isTrue();
  }

  private static void awaitPipelineReady(KubernetesClient client, String ns, String name) {
    awaitDp("DataPipeline " + name + " Ready=True")
        .untilAsserted(
            () -> {
              DataPipeline dp =
                  client.resources(DataPipeline.class).inNamespace(ns).withName(name).get();
              assertThat(dp.getStatus()).as("status of %s", name).isNotNull();
              assertThat(dp.getStatus().getConditions())
                  .as("conditions of %s", name)
                  .anySatisfy(
                      c -> {
                        assertThat(c.getType()).isEqualTo("Ready");
                        assertThat(c.getStatus()).isEqualTo("True");
                      });
              assertThat(dp.getStatus().getObservedGeneration())
                  .isEqualTo(dp.getMetadata().getGeneration());
            });
  }

  private static ConditionFactory awaitDp(String alias) {
    return await(alias).atMost(PROVISION).pollInterval(Duration.ofMillis(500));
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

  /** The operator container's plain env values of the rendered chart (valueFrom ones dropped). */
  private static Map<String, String> chartEnvironment(List<HasMetadata> chart) {
    Deployment deployment =
        chart.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow();
    Container container = deployment.getSpec().getTemplate().getSpec().getContainers().getFirst();
    Map<String, String> env = new HashMap<>();
    for (EnvVar var : container.getEnv()) {
      if (var.getValue() != null && !var.getName().equals("JDK_JAVA_OPTIONS")) {
        env.put(var.getName(), var.getValue());
      }
    }
    return env;
  }

  /** A kubeconfig for this cluster that authenticates with a token of the ServiceAccount. */
  private static Path serviceAccountKubeconfig(Kubectl kubectl, String ns, String serviceAccount)
      throws IOException {
    String token =
        kubectl.succeed("create", "token", serviceAccount, "-n", ns, "--duration=2h").strip();
    String server =
        kubectl.succeed(
            "config", "view", "--minify", "-o", "jsonpath={.clusters[0].cluster.server}");
    String ca =
        kubectl.succeed(
            "config",
            "view",
            "--raw",
            "--minify",
            "--flatten",
            "-o",
            "jsonpath={.clusters[0].cluster.certificate-authority-data}");
    String cluster =
        ca.isBlank()
            ? "    insecure-skip-tls-verify: true\n"
            : "    certificate-authority-data: " + ca.strip() + "\n";
    String yaml =
        "apiVersion: v1\n"
            + "kind: Config\n"
            + "clusters:\n"
            + "- name: e2e\n"
            + "  cluster:\n"
            + "    server: "
            + server.strip()
            + "\n"
            + cluster
            + "users:\n"
            + "- name: "
            + serviceAccount
            + "\n"
            + "  user:\n"
            + "    token: "
            + token
            + "\n"
            + "contexts:\n"
            + "- name: operator\n"
            + "  context:\n"
            + "    cluster: e2e\n"
            + "    user: "
            + serviceAccount
            + "\n"
            + "    namespace: "
            + ns
            + "\n"
            + "current-context: operator\n";
    Path file = work.resolve("operator-kubeconfig");
    Files.writeString(file, yaml);
    return file;
  }

  private static List<HasMetadata> parse(KubernetesClient client, String yaml) {
    return client
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .items()
        .stream()
        .filter(Objects::nonNull)
        .toList();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
