package dev.sluice.e2e;

import static org.awaitility.Awaitility.await;

import dev.sluice.api.v1alpha1.DataPipeline;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesListBuilder;
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
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The Sluice operator installed the way the Helm chart installs it, but run as a local child JVM
 * ({@link OperatorProcess}) since KWOK pods run no container: the chart rendered for one namespace
 * ({@code watchNamespaces={<ns>}}), its ServiceAccount, Roles, RoleBindings, ClusterRole and
 * ClusterRoleBinding applied to the API server, a kubeconfig holding a token of that ServiceAccount
 * (so the operator has exactly the chart's permissions and a missing rule fails the test), and the
 * environment of the chart's Deployment.
 */
final class ChartOperator implements AutoCloseable {

  /**
   * Overrides that make the operator read back what it provisions outside Kubernetes every 5 s
   * instead of the chart's 30/60 s, and retry a failed reconciliation after at most 10 s.
   */
  static final Map<String, String> FAST_POLLS =
      Map.of(
          "SLUICE_TOPIC_POLL_SECONDS", "5",
          "SLUICE_BUCKET_POLL_SECONDS", "5",
          "SLUICE_RETRY_MAX_INTERVAL_SECONDS", "10");

  /**
   * The JVM of the chart's container: its heap is 50 % ({@code -XX:MaxRAMPercentage=50}) of the 1Gi
   * memory limit, and a JVM sized for that container picks the serial collector.
   */
  static final List<String> CHART_JVM =
      List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");

  /** {@link #CHART_JVM} with the C1 compiler only: less CPU for start-up in the e2e tests. */
  static final List<String> TEST_JVM =
      List.of(
          "-Xmx512m", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1");

  private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration FINALIZE_TIMEOUT = Duration.ofMinutes(2);

  private final KubernetesClient client;
  private final String namespace;
  private final Map<String, String> env;
  private final Path log;
  private final List<String> jvmOptions;
  private final List<HasMetadata> clusterScoped;
  private OperatorProcess process;
  private int starts;

  private ChartOperator(
      KubernetesClient client,
      String namespace,
      Map<String, String> env,
      Path log,
      List<String> jvmOptions,
      List<HasMetadata> clusterScoped) {
    this.client = client;
    this.namespace = namespace;
    this.env = env;
    this.log = log;
    this.jvmOptions = jvmOptions;
    this.clusterScoped = clusterScoped;
  }

  /**
   * Applies the chart's RBAC for {@code namespace} and starts the operator, waiting until {@code
   * /health/ready} answers.
   *
   * @param overrides variables added to the chart's environment, e.g. shorter poll periods
   * @return the running operator ({@link #TEST_JVM}); {@link #close} stops it and removes what this
   *     made
   */
  static ChartOperator install(Cluster cluster, String namespace, Map<String, String> overrides) {
    return install(cluster, namespace, overrides, TEST_JVM);
  }

  /** {@link #install(Cluster, String, Map)} with the given JVM options, e.g. {@link #CHART_JVM}. */
  static ChartOperator install(
      Cluster cluster, String namespace, Map<String, String> overrides, List<String> jvmOptions) {
    List<HasMetadata> chart =
        parse(
            cluster.client(),
            Helm.template(namespace, namespace, "--set", "watchNamespaces={" + namespace + "}"));
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
    cluster
        .kubectl()
        .succeedWithInput(
            Serialization.asYaml(new KubernetesListBuilder().withItems(rbac).build()),
            "apply",
            "-f",
            "-");
    List<HasMetadata> clusterScoped =
        rbac.stream()
            .filter(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding)
            .toList();
    String serviceAccount =
        rbac.stream()
            .filter(ServiceAccount.class::isInstance)
            .findFirst()
            .orElseThrow(() -> new AssertionError("the chart renders no ServiceAccount"))
            .getMetadata()
            .getName();

    Map<String, String> env = chartEnvironment(chart);
    env.put(
        "KUBECONFIG",
        serviceAccountKubeconfig(cluster.kubectl(), namespace, serviceAccount).toString());
    env.put("POD_NAMESPACE", namespace);
    env.put("SLUICE_HTTP_PORT", Integer.toString(freePort()));
    env.putAll(overrides);
    ChartOperator operator =
        new ChartOperator(
            cluster.client(),
            namespace,
            env,
            Repo.workDir().resolve("operator-" + namespace + ".log"),
            jvmOptions,
            clusterScoped);
    operator.start();
    return operator;
  }

  /**
   * Starts the operator process (again) and waits until it is ready. Each start is a new pod: its
   * {@code HOSTNAME}, which JOSDK takes as its leader-election identity, is new, so after a crash
   * it must wait for the dead holder's Lease to expire (15 s) like a rescheduled pod would.
   */
  void start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("the operator is already running");
    }
    starts++;
    Map<String, String> podEnv = new HashMap<>(env);
    podEnv.put("HOSTNAME", "sluice-operator-" + namespace + "-" + starts);
    process = OperatorProcess.start(podEnv, log, jvmOptions);
    process.awaitReady(READY_TIMEOUT);
  }

  /**
   * Starts the operator again if its process has exited, as the kubelet would restart its container
   * ({@code restartPolicy: Always}); JOSDK exits when it loses its Lease.
   *
   * @return whether it had exited
   */
  boolean restartIfExited() {
    if (process.isAlive()) {
      return false;
    }
    start();
    return true;
  }

  /** Kills the operator with SIGKILL ({@link OperatorProcess#kill}). */
  void kill() {
    process.kill();
  }

  /** The running (or last) operator process. */
  OperatorProcess process() {
    return process;
  }

  /** A watcher that prints the last 150 lines of the operator's log when a test fails. */
  static TestWatcher printLogOnFailure(Supplier<ChartOperator> operator) {
    return new TestWatcher() {
      @Override
      public void testFailed(ExtensionContext context, Throwable cause) {
        ChartOperator o = operator.get();
        if (o != null && o.process != null) {
          System.err.println("---- operator log (" + o.log + "), last 150 lines ----");
          System.err.println(o.process.logTail(150));
        }
      }
    };
  }

  /**
   * Deletes the namespace's DataPipelines while the operator still runs (they carry its finalizer,
   * so without it the namespace would never go away), then stops the operator and deletes the
   * cluster-scoped RBAC.
   */
  @Override
  public void close() {
    try {
      if (process != null && process.isAlive()) {
        client.resources(DataPipeline.class).inNamespace(namespace).delete();
        await("every DataPipeline of " + namespace + " finalized")
            .atMost(FINALIZE_TIMEOUT)
            .until(
                () ->
                    client
                        .resources(DataPipeline.class)
                        .inNamespace(namespace)
                        .list()
                        .getItems()
                        .isEmpty());
      }
    } finally {
      if (process != null) {
        process.close();
      }
      for (HasMetadata object : clusterScoped) {
        client.resource(object).delete();
      }
    }
  }

  /** The operator container's plain env values of the rendered chart (valueFrom ones dropped). */
  private static Map<String, String> chartEnvironment(List<HasMetadata> chart) {
    Deployment deployment =
        chart.stream()
            .filter(Deployment.class::isInstance)
            .map(Deployment.class::cast)
            .findFirst()
            .orElseThrow(() -> new AssertionError("the chart renders no Deployment"));
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
  private static Path serviceAccountKubeconfig(Kubectl kubectl, String ns, String serviceAccount) {
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
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: e2e
          cluster:
            server: %s
        %susers:
        - name: %s
          user:
            token: %s
        contexts:
        - name: operator
          context:
            cluster: e2e
            user: %s
            namespace: %s
        current-context: operator
        """
            .formatted(server.strip(), cluster, serviceAccount, token, serviceAccount, ns);
    try {
      Path file = Repo.workDir().resolve("operator-kubeconfig-" + ns);
      Files.writeString(file, yaml);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<HasMetadata> parse(KubernetesClient client, String yaml) {
    return client
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)))
        .items()
        .stream()
        .filter(Objects::nonNull)
        .toList();
  }

  /** A free loopback port, for the operator's HTTP server. */
  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
