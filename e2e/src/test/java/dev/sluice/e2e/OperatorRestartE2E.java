package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.local.LocalKafkaBroker;
import dev.sluice.runtime.testing.LocalMinio;
import dev.sluice.runtime.testing.SharedKafka;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The operator survives what happens to a real operator: its process killed with SIGKILL while it
 * provisions pipelines, and the API server going away and coming back. Pipelines use {@code
 * provisioner: Admin} against the real broker and MinIO, so a reconciliation does real, slow work
 * (Kafka Admin calls, buckets) that a kill can cut in half.
 */
@SluiceE2E
class OperatorRestartE2E {

  private static final Duration CONVERGE = Duration.ofMinutes(2);

  private static LocalKafkaBroker kafka;
  private static LocalMinio minio;
  private static ChartOperator operator;
  private static ChartOperator privateOperator;

  @RegisterExtension
  static final TestWatcher PRINT_OPERATOR_LOG_ON_FAILURE =
      ChartOperator.printLogOnFailure(() -> operator);

  @RegisterExtension
  static final TestWatcher PRINT_PRIVATE_OPERATOR_LOG_ON_FAILURE =
      ChartOperator.printLogOnFailure(() -> privateOperator);

  @BeforeAll
  static void startTheOperator(Cluster cluster, TestNamespace namespace) {
    String ns = namespace.name();
    kafka = SharedKafka.broker();
    minio = LocalMinio.shared();
    cluster.installSluiceCrds();
    cluster.installStrimziKafkaTopicCrd();
    operator = ChartOperator.install(cluster, ns, ChartOperator.FAST_POLLS);
    prepareNamespace(cluster, ns);
  }

  /** The MinIO credentials, an airports table and the flights contract, as the pipelines need. */
  private static void prepareNamespace(Cluster cluster, String ns) {
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
                .addToData("airports.csv", "iata,name,city\nORD,Chicago O'Hare,Chicago\n")
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
  }

  @Test
  void anOperatorKilledWhileProvisioningConvergesWithoutDuplicates(
      Cluster cluster, TestNamespace namespace) {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    List<String> names = List.of("killed-a", "killed-b", "killed-c");
    String manifests =
        names.stream()
            .map(n -> Pipelines.admin(n, kafka.bootstrapServers(), minio.endpoint(), "Delete"))
            .collect(Collectors.joining("\n---\n"));
    cluster.kubectl().succeedWithInput(manifests, "apply", "-n", ns, "-f", "-");

    // Kill -9 as soon as the operator has written its first object: it is in the middle of
    // provisioning three pipelines (Kafka Admin calls, buckets, a dozen objects each).
    await("the operator's first object of the killed-* pipelines")
        .atMost(Pipelines.PROVISION)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () ->
                count(client.configMaps().inNamespace(ns), names)
                        + count(client.apps().deployments().inNamespace(ns), names)
                    > 0);
    operator.kill();
    Map<String, Integer> atKill = objectCounts(client, ns, names);
    long readyAtKill =
        names.stream()
            .filter(n -> "True".equals(Pipelines.status(Pipelines.get(client, ns, n), "Ready")))
            .count();
    System.out.println("at the kill: objects " + atKill + ", Ready pipelines " + readyAtKill);
    assertThat(readyAtKill).as("pipelines Ready when the operator was killed").isLessThan(3);

    operator.start();
    for (String name : names) {
      Pipelines.awaitReady(client, ns, name);
    }
    for (String name : names) {
      // the collector has two replicas
      assertSingleSetOfObjects(client, ns, name, 1);
    }
  }

  /**
   * Runs on a control plane of its own ({@code sluice-e2e-restart}, made and deleted here): a
   * restart of the shared one would break whatever else runs on it at the time (another test JVM,
   * CI), and they would break this.
   */
  @Test
  void aChangeAfterAnApiServerRestartIsReconciled(Cluster shared, TestNamespace namespace) {
    Assumptions.assumeTrue(
        shared.isLocalControlPlane(), "restarts only local control planes of e2e/cluster.sh");
    try (Cluster cluster = Cluster.privateControlPlane("sluice-e2e-restart")) {
      cluster.installSluiceCrds();
      cluster.installStrimziKafkaTopicCrd();
      // Not the class's namespace name: the operators' logs and kubeconfigs are named after it.
      String ns = namespace.name() + "-own";
      cluster
          .client()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .create();
      privateOperator = ChartOperator.install(cluster, ns, ChartOperator.FAST_POLLS);
      try {
        prepareNamespace(cluster, ns);
        changeAfterRestart(cluster, ns, privateOperator);
      } finally {
        privateOperator.close();
      }
    }
  }

  private static void changeAfterRestart(Cluster cluster, String ns, ChartOperator operator) {
    KubernetesClient client = cluster.client();
    String name = "api-restart";
    cluster
        .kubectl()
        .succeedWithInput(
            Pipelines.admin(name, kafka.bootstrapServers(), minio.endpoint(), "Delete"),
            "apply",
            "-n",
            ns,
            "-f",
            "-");
    Pipelines.awaitReady(client, ns, name);

    long start = System.nanoTime();
    cluster.restartControlPlane();
    System.out.println(
        "control plane restarted in " + (System.nanoTime() - start) / 1_000_000 + " ms");
    // JOSDK exits when it cannot renew its Lease for 10 s; the kubelet would restart it.
    if (operator.restartIfExited()) {
      System.out.println("the operator lost its Lease during the restart and was started again");
    }

    cluster
        .kubectl()
        .succeed(
            "patch",
            "dp",
            name,
            "-n",
            ns,
            "--type=merge",
            "-p",
            "{\"spec\":{\"enricher\":{\"replicas\":2}}}");
    await("the enricher scaled to 2 ready replicas after the API server restart")
        .atMost(CONVERGE)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              Deployment enricher =
                  client.apps().deployments().inNamespace(ns).withName(name + "-enricher").get();
              assertThat(enricher.getSpec().getReplicas()).isEqualTo(2);
              assertThat(enricher.getStatus().getReadyReplicas()).isEqualTo(2);
            });
    Pipelines.awaitReady(client, ns, name);
    // the collector and now the enricher have two replicas
    assertSingleSetOfObjects(client, ns, name, 2);
  }

  /**
   * Exactly one of each object the pipeline needs: three Deployments (collector, enricher,
   * batch-loader) with one ReplicaSet each (a restarted operator that rendered a different pod
   * template would have rolled them), four ConfigMaps (those three and curation), one Service, one
   * CronJob, a PodDisruptionBudget per stage of more than one replica, no HPA.
   */
  private static void assertSingleSetOfObjects(
      KubernetesClient client, String ns, String name, int disruptionBudgets) {
    Map<String, Integer> counts = objectCounts(client, ns, List.of(name));
    assertThat(counts)
        .as("objects of %s", name)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Deployment", 3,
                "ReplicaSet", 3,
                "ConfigMap", 4,
                "Service", 1,
                "CronJob", 1,
                "PodDisruptionBudget", disruptionBudgets,
                "HorizontalPodAutoscaler", 0));
    List<String> deployments =
        client
            .apps()
            .deployments()
            .inNamespace(ns)
            .withLabel("sluice.dev/pipeline", name)
            .list()
            .getItems()
            .stream()
            .map(d -> d.getMetadata().getName())
            .sorted()
            .toList();
    assertThat(deployments)
        .containsExactly(name + "-batch-loader", name + "-collector", name + "-enricher");
  }

  /** Objects labelled with one of the pipelines, by kind. */
  private static Map<String, Integer> objectCounts(
      KubernetesClient client, String ns, List<String> pipelines) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("Deployment", count(client.apps().deployments().inNamespace(ns), pipelines));
    counts.put("ReplicaSet", count(client.apps().replicaSets().inNamespace(ns), pipelines));
    counts.put("ConfigMap", count(client.configMaps().inNamespace(ns), pipelines));
    counts.put("Service", count(client.services().inNamespace(ns), pipelines));
    counts.put("CronJob", count(client.batch().v1().cronjobs().inNamespace(ns), pipelines));
    counts.put(
        "PodDisruptionBudget",
        count(client.policy().v1().podDisruptionBudget().inNamespace(ns), pipelines));
    counts.put(
        "HorizontalPodAutoscaler",
        count(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(ns), pipelines));
    return counts;
  }

  private static int count(
      FilterWatchListDeletable<? extends HasMetadata, ? extends KubernetesResourceList<?>, ?>
          objects,
      List<String> pipelines) {
    return objects
        .withLabelIn("sluice.dev/pipeline", pipelines.toArray(String[]::new))
        .list()
        .getItems()
        .size();
  }
}
