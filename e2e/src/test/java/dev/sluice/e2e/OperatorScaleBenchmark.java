package dev.sluice.e2e;

import static org.awaitility.Awaitility.await;

import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataPipeline;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operator scale benchmark: how long the operator (the chart's RBAC and JVM, as a local
 * process) takes to bring N DataPipelines to {@code Ready} on the real control plane of {@code
 * e2e/cluster.sh}, compared with the time the same control plane takes to make the same number of
 * plain Deployments ready, in the same run. A program, not a test: run it by hand (see
 * docs/benchmarks.md, "Operator scale").
 *
 * <p>Each pipeline is the smallest real one: {@code provisioner: Strimzi} (the benchmark marks each
 * KafkaTopic Ready as soon as it appears, as Strimzi's topic operator would; no Kafka is involved),
 * a collector and an enricher of one replica each, no loader, no object store. Per pipeline the
 * operator makes 2 Deployments, 2 ConfigMaps, 1 Service and 5 KafkaTopics; the baseline is 2N
 * Deployments of one replica, so both sides wait for the same number of KWOK pods.
 *
 * <p>Arguments: pipeline counts, default {@code 100 500}. Prints one table row per count.
 */
public final class OperatorScaleBenchmark {

  private static final int PODS_PER_NODE = 110;
  private static final int CLIENT_THREADS = 8;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(30);
  private static final Pattern HEAP_USED =
      Pattern.compile("^(?:DefNew|Tenured)\\s+total \\d+K, used (\\d+)K", Pattern.MULTILINE);

  private final Cluster cluster;
  private final KubernetesClient client;

  private OperatorScaleBenchmark(Cluster cluster) {
    this.cluster = cluster;
    this.client = cluster.client();
  }

  /** Runs the benchmark for each count of the arguments (default 100 and 500). */
  public static void main(String[] args) throws Exception {
    List<Integer> counts = new ArrayList<>();
    for (String arg : args.length == 0 ? new String[] {"100", "500"} : args) {
      int n = Integer.parseInt(arg);
      if (n < 1 || n > 2000) {
        throw new IllegalArgumentException("a pipeline count must be 1..2000, not " + arg);
      }
      counts.add(n);
    }
    Cluster cluster = Cluster.get();
    try {
      new OperatorScaleBenchmark(cluster).run(counts);
    } finally {
      cluster.close();
    }
    // The fabric8 and JDK HTTP clients leave non-daemon threads behind.
    System.exit(0);
  }

  private void run(List<Integer> counts) throws Exception {
    cluster.installSluiceCrds();
    cluster.installStrimziKafkaTopicCrd();
    int pods = 2 * counts.stream().mapToInt(Integer::intValue).max().orElseThrow();
    int nodes = (pods + PODS_PER_NODE - 1) / PODS_PER_NODE + 1;
    if (cluster.isLocalControlPlane()) {
      cluster.scaleNodes(Math.max(2, nodes));
    }
    System.out.printf(
        "%n%-9s | %-10s | %-10s | %-15s | %-6s | %-12s | %-13s | %-8s | %-9s | %-21s | %s%n",
        "pipelines",
        "created in",
        "Ready in",
        "reconciliations",
        "per s",
        "operator CPU",
        "heap after GC",
        "RSS",
        "/metrics",
        "plain Deployments",
        "ratio");
    for (int n : counts) {
      pipelines(n, plainDeployments(2 * n));
    }
  }

  private static void print(int n, Result result, Duration baseline) {
    System.out.printf(
        "%-9d | %-10s | %-10s | %-15d | %-6.1f | %-12s | %-13s | %-8s | %-9s | %-21s | %.2f%n",
        n,
        seconds(result.created()),
        seconds(result.ready()),
        result.reconciliations(),
        result.reconciliations() / (result.ready().toMillis() / 1000.0),
        String.format(Locale.ROOT, "%.1f s", result.cpuSeconds()),
        result.heapAfterGcMb() + " MB",
        result.rssMb() + " MB",
        result.metricsKb() + " KB",
        2 * n + " in " + seconds(baseline),
        result.ready().toMillis() / (double) baseline.toMillis());
  }

  /**
   * What the operator did for N pipelines.
   *
   * @param created time to create them (API calls only)
   * @param ready time from the first create until every one is Ready for its generation
   * @param reconciliations DataPipeline reconciliations started meanwhile (JOSDK's counter)
   * @param cpuSeconds CPU the operator process used meanwhile (user + system)
   * @param heapAfterGcMb heap in use after a full GC, once all are Ready
   * @param rssMb resident memory of the operator process then
   * @param metricsKb size of its {@code /metrics} answer then (JOSDK's meters are per resource)
   */
  private record Result(
      Duration created,
      Duration ready,
      long reconciliations,
      double cpuSeconds,
      long heapAfterGcMb,
      long rssMb,
      long metricsKb) {}

  /** Measures N pipelines and prints the row, with the baseline of 2N plain Deployments. */
  private void pipelines(int n, Duration baseline) throws Exception {
    String ns = namespace("bench-pipelines-" + n);
    ChartOperator operator = ChartOperator.install(cluster, ns, Map.of(), ChartOperator.CHART_JVM);
    SharedIndexInformer<KafkaTopic> strimzi = standInForStrimzi(ns);
    try {
      cluster
          .kubectl()
          .succeed(
              "apply",
              "-n",
              ns,
              "-f",
              Repo.root().resolve("samples/flights/contract.yaml").toString());
      await("the contract accepted")
          .atMost(Duration.ofMinutes(2))
          .until(
              () -> {
                DataContract c =
                    client
                        .resources(DataContract.class)
                        .inNamespace(ns)
                        .withName("flight-departed")
                        .get();
                return c != null
                    && c.getStatus() != null
                    && c.getStatus().getAcceptedVersion() != null;
              });
      long pid = operator.process().pid();
      long reconciliationsBefore =
          ReconcileCounter.started(operator.process().metrics(), "DataPipeline", null);
      double cpuBefore = cpuSeconds(pid);

      long start = System.nanoTime();
      createAll(n, i -> pipeline(ns, "bench-" + i));
      Duration created = Duration.ofNanos(System.nanoTime() - start);
      awaitCount("Ready pipelines", n, () -> readyPipelines(ns));
      Duration ready = Duration.ofNanos(System.nanoTime() - start);

      String metrics = operator.process().metrics();
      Files.writeString(Repo.workDir().resolve("bench-operator-metrics-" + n + ".txt"), metrics);
      long reconciliations =
          ReconcileCounter.started(metrics, "DataPipeline", null) - reconciliationsBefore;
      double cpu = cpuSeconds(pid) - cpuBefore;
      long heap = heapAfterGcMb(pid);
      long rss = rssMb(pid);

      print(
          n,
          new Result(created, ready, reconciliations, cpu, heap, rss, metrics.length() / 1024),
          baseline);
    } finally {
      strimzi.close();
      // kubectl deletes them one by one, with no request timeout: one collection DELETE of
      // hundreds of finalized resources outlasts the client's 10 s on a loaded machine.
      cluster.kubectl().succeed("delete", "datapipelines", "--all", "-n", ns, "--wait=false");
      awaitCount(
          "pipelines finalized",
          0,
          () -> client.resources(DataPipeline.class).inNamespace(ns).list().getItems().size());
      operator.close();
      deleteNamespace(ns);
    }
  }

  private Duration plainDeployments(int count) throws Exception {
    String ns = namespace("bench-deployments-" + count);
    try {
      long start = System.nanoTime();
      createAll(count, i -> deployment(ns, "plain-" + i));
      awaitCount(
          "ready Deployments",
          count,
          () ->
              (int)
                  client.apps().deployments().inNamespace(ns).list().getItems().stream()
                      .filter(
                          d ->
                              d.getStatus() != null
                                  && Integer.valueOf(1).equals(d.getStatus().getReadyReplicas()))
                      .count());
      return Duration.ofNanos(System.nanoTime() - start);
    } finally {
      deleteNamespace(ns);
    }
  }

  /** Marks each KafkaTopic Ready as soon as it appears, as Strimzi's topic operator would. */
  private SharedIndexInformer<KafkaTopic> standInForStrimzi(String ns) {
    ExecutorService patches = Executors.newFixedThreadPool(4);
    SharedIndexInformer<KafkaTopic> informer =
        client
            .resources(KafkaTopic.class)
            .inNamespace(ns)
            .inform(
                new ResourceEventHandler<>() {
                  @Override
                  public void onAdd(KafkaTopic topic) {
                    patches.submit(() -> TopicOperatorStandIn.markReady(client, topic));
                  }

                  @Override
                  public void onUpdate(KafkaTopic before, KafkaTopic after) {}

                  @Override
                  public void onDelete(KafkaTopic topic, boolean unknownFinalState) {}
                });
    informer.stopped().whenComplete((ignored, error) -> patches.shutdownNow());
    return informer;
  }

  private void createAll(int count, IntFunction<Object> object) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
    try {
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        Object o = object.apply(i);
        created.add(
            pool.submit(
                () -> {
                  if (o instanceof String yaml) {
                    client.resource(yaml).create();
                  } else {
                    client.resource((Deployment) o).create();
                  }
                }));
      }
      for (Future<?> f : created) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  /** Polls every 2 s; a list that times out on the loaded API server is polled again. */
  private void awaitCount(String what, int expected, java.util.concurrent.Callable<Integer> count) {
    await(what + " = " + expected)
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(2))
        .ignoreExceptionsInstanceOf(KubernetesClientException.class)
        .until(count, c -> c == expected);
  }

  private int readyPipelines(String ns) {
    return (int)
        client.resources(DataPipeline.class).inNamespace(ns).list().getItems().stream()
            .filter(
                p ->
                    "True".equals(Pipelines.status(p, "Ready"))
                        && p.getMetadata()
                            .getGeneration()
                            .equals(p.getStatus().getObservedGeneration()))
            .count();
  }

  private static String pipeline(String ns, String name) {
    return """
        apiVersion: sluice.dev/v1alpha1
        kind: DataPipeline
        metadata:
          name: %s
          namespace: %s
        spec:
          contracts:
            - name: flight-departed
          kafka:
            bootstrapServers: my-cluster-kafka-bootstrap.kafka:9092
            provisioner: Strimzi
            strimziCluster: my-cluster
          collector:
            replicas: 1
          enricher:
            replicas: 1
        """
        .formatted(name, ns);
  }

  private static Deployment deployment(String ns, String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace(ns)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("main")
        .withImage("registry.invalid/plain:1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private String namespace(String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 6);
    client
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(name)
                .addToLabels(ClusterExtension.E2E_LABEL, "true")
                .endMetadata()
                .build())
        .create();
    return name;
  }

  private void deleteNamespace(String ns) {
    client.namespaces().withName(ns).delete();
    await("namespace " + ns + " deleted")
        .atMost(READY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> client.namespaces().withName(ns).get() == null);
  }

  /** User plus system CPU of a process so far, from {@code /proc/<pid>/stat} (clock ticks). */
  private static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    return ticks / 100.0;
  }

  /** Heap in use after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}). */
  private static long heapAfterGcMb(long pid) {
    jcmd(pid, "GC.run");
    Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
    long kb = 0;
    while (used.find()) {
      kb += Long.parseLong(used.group(1));
    }
    return kb / 1024;
  }

  private static String jcmd(long pid, String command) {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    CommandResult result =
        Commands.run(
            List.of(jcmd.toString(), Long.toString(pid), command),
            Map.of(),
            null,
            Duration.ofMinutes(1));
    if (!result.succeeded()) {
      throw new IllegalStateException("jcmd failed:\n" + result.describe());
    }
    return result.stdout();
  }

  private static long rssMb(long pid) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
      }
    }
    throw new IllegalStateException("no VmRSS for " + pid);
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
  }
}
