package dev.sluice.e2e;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.List;

/**
 * The Kubernetes cluster of this test JVM, made once: the one {@code KUBECONFIG} names (any real
 * cluster), else the local control plane of {@code e2e/cluster.sh}, started or reused. The local
 * control plane is left running after the run (the next run starts warm) unless {@code
 * SLUICE_E2E_DOWN=true}; a cluster given by {@code KUBECONFIG} is never stopped.
 */
public final class Cluster implements AutoCloseable {

  private static final System.Logger LOG = System.getLogger(Cluster.class.getName());
  private static Cluster instance;

  private final String kubeconfig;
  private final boolean local;
  private final boolean stopOnClose;
  private final KubernetesClient client;
  private final Kubectl kubectl;
  private List<CustomResourceDefinition> sluiceCrds;
  private CustomResourceDefinition kafkaTopicCrd;

  private Cluster(String kubeconfig, Config config, boolean local, boolean stopOnClose) {
    this.kubeconfig = kubeconfig;
    this.local = local;
    this.stopOnClose = stopOnClose;
    this.client = new KubernetesClientBuilder().withConfig(config).build();
    this.kubectl =
        new Kubectl(
            kubeconfig, Repo.workDir().resolve("kubectl-cache-" + ProcessHandle.current().pid()));
  }

  /**
   * The cluster of this JVM, made on first use.
   *
   * @throws IllegalStateException when no cluster can be had, e.g. the control-plane binaries are
   *     not built; the message says what to run
   */
  public static synchronized Cluster get() {
    if (instance == null) {
      instance = connect(E2EConfig.fromEnvironment());
    }
    return instance;
  }

  private static Cluster connect(E2EConfig config) {
    long start = System.nanoTime();
    Cluster cluster = open(config);
    LOG.log(
        System.Logger.Level.INFO,
        "cluster of {0} ready in {1} ms",
        cluster.kubeconfig,
        (System.nanoTime() - start) / 1_000_000);
    return cluster;
  }

  private static Cluster open(E2EConfig config) {
    if (config.kubeconfig().isPresent()) {
      return new Cluster(config.kubeconfig().get(), Config.autoConfigure(null), false, false);
    }
    Path kubeconfig = LocalControlPlane.up(config.install());
    return new Cluster(
        kubeconfig.toString(), Config.fromKubeconfig(kubeconfig.toFile()), true, config.down());
  }

  /**
   * Whether this is the local control plane of {@code e2e/cluster.sh} ({@code KUBECONFIG} unset).
   */
  public boolean isLocalControlPlane() {
    return local;
  }

  /**
   * Stops and starts every process of the local control plane, the API server included ({@code
   * cluster.sh restart}: same ports, certificates and etcd data).
   *
   * @throws IllegalStateException for a cluster given by {@code KUBECONFIG}, which the suite does
   *     not control
   */
  public void restartControlPlane() {
    if (!local) {
      throw new IllegalStateException("the cluster of KUBECONFIG is not restarted by the suite");
    }
    LocalControlPlane.restart();
  }

  /**
   * Makes the local control plane {@code nodes} KWOK nodes (110 pods each) and waits until they are
   * Ready ({@code cluster.sh scale}).
   *
   * @throws IllegalStateException for a cluster given by {@code KUBECONFIG}
   */
  public void scaleNodes(int nodes) {
    if (!local) {
      throw new IllegalStateException("the nodes of the KUBECONFIG cluster are not the suite's");
    }
    LocalControlPlane.scale(nodes);
  }

  /** A client with the kubeconfig's credentials (cluster admin on the local control plane). */
  public KubernetesClient client() {
    return client;
  }

  /** The real kubectl, pointed at this cluster. */
  public Kubectl kubectl() {
    return kubectl;
  }

  /** The kubeconfig path(s) of this cluster, as {@code KUBECONFIG} would hold them. */
  public String kubeconfig() {
    return kubeconfig;
  }

  /**
   * Applies the generated Sluice CRDs of {@code helm-chart/crds} (server-side apply) and waits
   * until they are Established; done once per JVM.
   *
   * @return the CRDs as the server returned them
   */
  public synchronized List<CustomResourceDefinition> installSluiceCrds() {
    if (sluiceCrds == null) {
      sluiceCrds = CrdInstaller.apply(client, Repo.crdFiles());
      CrdInstaller.awaitEstablished(client, sluiceCrds);
      kubectl.invalidateDiscovery();
    }
    return sluiceCrds;
  }

  /**
   * Installs Strimzi's {@code KafkaTopic} CRD ({@code kafkatopics.kafka.strimzi.io}), as Strimzi
   * generates it from the {@code io.strimzi:api} jar, and waits until it is Established; done once
   * per JVM.
   *
   * @return the CRD as the server returned it
   */
  public synchronized CustomResourceDefinition installStrimziKafkaTopicCrd() {
    if (kafkaTopicCrd == null) {
      kafkaTopicCrd =
          CrdInstaller.apply(client, List.of(StrimziCrds.kafkaTopicCrdFile())).getFirst();
      CrdInstaller.awaitEstablished(client, List.of(kafkaTopicCrd));
      kubectl.invalidateDiscovery();
    }
    return kafkaTopicCrd;
  }

  /** Closes the client; stops the local control plane only when {@code SLUICE_E2E_DOWN=true}. */
  @Override
  public void close() {
    client.close();
    kubectl.invalidateDiscovery();
    if (stopOnClose) {
      LocalControlPlane.down();
    }
    synchronized (Cluster.class) {
      instance = null;
    }
  }
}
