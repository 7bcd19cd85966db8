package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.v1alpha1.BlueGreenSpec;
import dev.sluice.api.v1alpha1.CanarySpec;
import dev.sluice.api.v1alpha1.CanaryStep;
import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ModelRegistrySpec;
import dev.sluice.api.v1alpha1.ModelSpec;
import dev.sluice.api.v1alpha1.ReleaseSpec;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.api.v1alpha1.SecretReference;
import dev.sluice.api.v1alpha1.ShadowSpec;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * ModelDeployment releases on a real API server: the operator runs as a child JVM with the chart's
 * RBAC ({@link ChartOperator}); the real Deployment controller and scheduler make the model-server
 * and router pods, and KWOK marks them Ready (they run no container). KWOK pods cannot answer HTTP,
 * so the releases use manual promotion and canary steps without analysis; what is checked is what
 * the operator writes — Deployments, Services, the router's weights, status and events — as each
 * strategy walks its states.
 */
@SluiceE2E
class ModelDeploymentE2E {

  private static final Duration RELEASE = Duration.ofMinutes(5);

  private static ChartOperator operator;

  @RegisterExtension
  static final TestWatcher PRINT_OPERATOR_LOG_ON_FAILURE =
      ChartOperator.printLogOnFailure(() -> operator);

  @BeforeAll
  static void startTheOperator(Cluster cluster, TestNamespace namespace) {
    cluster.installSluiceCrds();
    operator = ChartOperator.install(cluster, namespace.name(), ChartOperator.FAST_POLLS);
    cluster
        .client()
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("minio-credentials")
                .withNamespace(namespace.name())
                .endMetadata()
                .addToStringData("accessKey", "unused-by-kwok-pods")
                .addToStringData("secretKey", "unused-by-kwok-pods")
                .build())
        .create();
  }

  @AfterAll
  static void stopTheOperator() {
    if (operator != null) {
      operator.close();
    }
  }

  @Test
  void aCanaryWalksItsStepsAndIsPromoted(Cluster cluster, TestNamespace namespace)
      throws Exception {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    ModelDeployment canary = deployment(ns, "canary", "1", ReleaseStrategy.Canary);
    canary.getSpec().getRelease().getCanary().getSteps().add(step(25, "5s"));
    canary.getSpec().getRelease().getCanary().getSteps().add(step(75, "5s"));
    healthy(client, canary);

    List<Integer> weights = new CopyOnWriteArrayList<>();
    try (Watch watch = watchWeights(client, ns, "canary-router", weights)) {
      release(client, ns, "canary", "2");

      await("canary of version 2 promoted and version 1 removed")
          .atMost(RELEASE)
          .untilAsserted(
              () -> {
                ModelDeployment md = md(client, ns, "canary");
                assertThat(md.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
                assertThat(md.getStatus().getStableVersion()).isEqualTo("2");
                assertThat(deploymentOf(client, ns, "canary-1")).isNull();
              });
    }
    assertThat(weights).as("router weights seen").containsSubsequence(25, 75, 100);
    assertThat(routerWeight(client, ns, "canary-router")).isZero();
    await("events of canary")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(reasons(client, ns, "canary"))
                    .contains(
                        "ReleaseStarted", "CanaryStepAdvanced", "Promoted", "ReleaseCompleted"));
    assertThat(cluster.kubectl().succeed("get", "mdep", "canary", "-n", ns))
        .contains("True", "Healthy", "Canary");
  }

  @Test
  void anAbortedCanaryRollsBack(Cluster cluster, TestNamespace namespace) {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    ModelDeployment canary = deployment(ns, "abort", "1", ReleaseStrategy.Canary);
    canary.getSpec().getRelease().getCanary().getSteps().add(step(30, null));
    healthy(client, canary);
    release(client, ns, "abort", "2");
    await("canary step at 30%")
        .atMost(RELEASE)
        .untilAsserted(() -> assertThat(routerWeight(client, ns, "abort-router")).isEqualTo(30));

    cluster.kubectl().succeed("annotate", "mdep", "abort", "-n", ns, "sluice.dev/abort=true");

    await("rolled back")
        .atMost(RELEASE)
        .untilAsserted(
            () -> {
              ModelDeployment md = md(client, ns, "abort");
              assertThat(md.getStatus().getPhase()).isEqualTo(RolloutPhase.RolledBack);
              assertThat(md.getStatus().getRolledBackVersion()).isEqualTo("2");
              assertThat(md.getMetadata().getAnnotations()).doesNotContainKey("sluice.dev/abort");
              assertThat(routerWeight(client, ns, "abort-router")).isZero();
              Deployment candidate = deploymentOf(client, ns, "abort-2");
              assertThat(candidate).as("version 2's Deployment").isNotNull();
              assertThat(candidate.getSpec().getReplicas()).isZero();
            });
    await("events of abort")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> assertThat(warnings(client, ns, "abort")).contains("Aborted", "RolledBack"));
    assertThat(condition(md(client, ns, "abort"), "Ready").getStatus())
        .as("version 1 still serves")
        .isEqualTo(Condition.TRUE);
  }

  @Test
  void blueGreenSwitchesAtOnceOnPromotion(Cluster cluster, TestNamespace namespace) {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    ModelDeployment blueGreen = deployment(ns, "bluegreen", "1", ReleaseStrategy.BlueGreen);
    blueGreen.getSpec().getRelease().getBlueGreen().setScaleDownDelay("5s");
    healthy(client, blueGreen);
    release(client, ns, "bluegreen", "2");

    await("version 2 previewed")
        .atMost(RELEASE)
        .untilAsserted(
            () -> {
              assertThat(md(client, ns, "bluegreen").getStatus().getStep())
                  .isEqualTo("AwaitPromotion");
              var preview = client.services().inNamespace(ns).withName("bluegreen-preview").get();
              assertThat(preview).as("preview Service").isNotNull();
              assertThat(preview.getSpec().getSelector())
                  .containsEntry("sluice.dev/model-version", "2");
            });
    assertThat(routerWeight(client, ns, "bluegreen-router")).isZero();

    cluster.kubectl().succeed("annotate", "mdep", "bluegreen", "-n", ns, "sluice.dev/promote=true");

    await("version 2 stable, version 1 and the preview removed")
        .atMost(RELEASE)
        .untilAsserted(
            () -> {
              ModelDeployment md = md(client, ns, "bluegreen");
              assertThat(md.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
              assertThat(md.getStatus().getStableVersion()).isEqualTo("2");
              assertThat(deploymentOf(client, ns, "bluegreen-1")).isNull();
              assertThat(client.services().inNamespace(ns).withName("bluegreen-preview").get())
                  .isNull();
            });
    await("events of bluegreen")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(reasons(client, ns, "bluegreen")).contains("PreviewReady", "Promoted"));
  }

  @Test
  void recreateStartsTheNewVersionOnceTheOldHasNoPod(Cluster cluster, TestNamespace namespace) {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    healthy(client, deployment(ns, "recreate", "1", ReleaseStrategy.Recreate));

    release(client, ns, "recreate", "2");

    await("version 2 stable")
        .atMost(RELEASE)
        .untilAsserted(
            () -> {
              ModelDeployment md = md(client, ns, "recreate");
              assertThat(md.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
              assertThat(md.getStatus().getStableVersion()).isEqualTo("2");
            });
    await("events of recreate")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(reasons(client, ns, "recreate"))
                    .contains("OldVersionScaledDown", "Promoted"));
  }

  @Test
  void aRollingUpdateRollsOneDeployment(Cluster cluster, TestNamespace namespace) {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    healthy(client, deployment(ns, "rolling", "1", ReleaseStrategy.RollingUpdate));

    release(client, ns, "rolling", "2");

    await("every pod on version 2")
        .atMost(RELEASE)
        .untilAsserted(
            () -> {
              ModelDeployment md = md(client, ns, "rolling");
              assertThat(md.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
              assertThat(md.getStatus().getStableVersion()).isEqualTo("2");
            });
    Deployment server = deploymentOf(client, ns, "rolling-server");
    assertThat(server.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("sluice.dev/model-version", "2");
    assertThat(server.getStatus().getUpdatedReplicas()).isEqualTo(2);
    assertThat(deploymentOf(client, ns, "rolling-2")).isNull();
  }

  @Test
  void shadowMirrorsUntilPromoted(Cluster cluster, TestNamespace namespace) {
    KubernetesClient client = cluster.client();
    String ns = namespace.name();
    ModelDeployment shadow = deployment(ns, "shadow", "1", ReleaseStrategy.Shadow);
    shadow.getSpec().getRelease().getShadow().setMirrorPercent(50);
    healthy(client, shadow);
    release(client, ns, "shadow", "2");

    await("half the requests mirrored to version 2")
        .atMost(RELEASE)
        .untilAsserted(
            () -> {
              Map<?, ?> router = router(client, ns, "shadow-router");
              assertThat(router.get("candidateWeight")).isEqualTo(0);
              assertThat(router.get("shadow")).isInstanceOf(Map.class);
              assertThat(((Map<?, ?>) router.get("shadow")).get("mirrorPercent")).isEqualTo(50);
            });

    cluster.kubectl().succeed("annotate", "mdep", "shadow", "-n", ns, "sluice.dev/promote=true");

    await("version 2 stable")
        .atMost(RELEASE)
        .untilAsserted(
            () ->
                assertThat(md(client, ns, "shadow").getStatus().getStableVersion()).isEqualTo("2"));
    await("events of shadow")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(reasons(client, ns, "shadow")).contains("MirroringStarted", "Promoted"));
  }

  // --- helpers

  private static ModelDeployment deployment(
      String ns, String name, String version, ReleaseStrategy strategy) {
    ModelSpec model = new ModelSpec();
    model.setName("flight-delay");
    model.setVersion(version);
    ModelRegistrySpec registry = new ModelRegistrySpec();
    registry.setEndpoint("http://minio.minio:9000");
    SecretReference secret = new SecretReference();
    secret.setName("minio-credentials");
    registry.setCredentialsSecret(secret);
    ReleaseSpec release = new ReleaseSpec();
    release.setStrategy(strategy);
    switch (strategy) {
      case BlueGreen -> release.setBlueGreen(new BlueGreenSpec());
      case Canary -> release.setCanary(new CanarySpec());
      case Shadow -> release.setShadow(new ShadowSpec());
      default -> {}
    }
    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setModel(model);
    spec.setRegistry(registry);
    spec.setReplicas(2);
    spec.setRelease(release);
    ModelDeployment deployment = new ModelDeployment();
    deployment.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    deployment.setSpec(spec);
    return deployment;
  }

  private static CanaryStep step(int weight, String pause) {
    CanaryStep step = new CanaryStep();
    step.setWeight(weight);
    step.setPause(pause);
    step.setAnalysis(false);
    return step;
  }

  /** Creates a deployment and waits until its first version serves (KWOK pods Ready). */
  private static void healthy(KubernetesClient client, ModelDeployment deployment) {
    client.resource(deployment).create();
    String ns = deployment.getMetadata().getNamespace();
    String name = deployment.getMetadata().getName();
    await(name + " Healthy and Ready")
        .atMost(RELEASE)
        .untilAsserted(
            () -> {
              ModelDeployment md = md(client, ns, name);
              assertThat(md.getStatus()).isNotNull();
              assertThat(md.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
              assertThat(condition(md, "Ready").getStatus()).isEqualTo(Condition.TRUE);
            });
  }

  private static ModelDeployment md(KubernetesClient client, String ns, String name) {
    return client.resources(ModelDeployment.class).inNamespace(ns).withName(name).get();
  }

  /**
   * Changes spec.model.version as {@code kubectl patch} does: a JSON merge patch without a
   * resourceVersion, so the operator's concurrent status writes cannot make it conflict.
   */
  private static void release(KubernetesClient client, String ns, String name, String version) {
    client
        .resources(ModelDeployment.class)
        .inNamespace(ns)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            "{\"spec\":{\"model\":{\"version\":\"" + version + "\"}}}");
  }

  private static Deployment deploymentOf(KubernetesClient client, String ns, String name) {
    return client.apps().deployments().inNamespace(ns).withName(name).get();
  }

  private static Condition condition(ModelDeployment deployment, String type) {
    assertThat(deployment.getStatus()).isNotNull();
    return deployment.getStatus().condition(type).orElseThrow();
  }

  /** The router block of the router's {@code stage.yaml}. */
  private static Map<?, ?> router(KubernetesClient client, String ns, String configMap) {
    ConfigMap map = client.configMaps().inNamespace(ns).withName(configMap).get();
    assertThat(map).as(configMap).isNotNull();
    return router(client, map);
  }

  private static Map<?, ?> router(KubernetesClient client, ConfigMap map) {
    Map<?, ?> config =
        client.getKubernetesSerialization().unmarshal(map.getData().get("stage.yaml"), Map.class);
    return (Map<?, ?>) config.get("router");
  }

  private static int routerWeight(KubernetesClient client, String ns, String configMap) {
    return ((Number) router(client, ns, configMap).get("candidateWeight")).intValue();
  }

  /** Records every candidate weight the router's ConfigMap takes, in order. */
  private static Watch watchWeights(
      KubernetesClient client, String ns, String configMap, List<Integer> weights) {
    return client
        .configMaps()
        .inNamespace(ns)
        .withName(configMap)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, ConfigMap map) {
                if (action == Action.MODIFIED || action == Action.ADDED) {
                  int weight = ((Number) router(client, map).get("candidateWeight")).intValue();
                  if (weights.isEmpty() || weights.getLast() != weight) {
                    weights.add(weight);
                  }
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  private static List<String> reasons(KubernetesClient client, String ns, String name) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name))
        .map(e -> e.getReason())
        .toList();
  }

  private static List<String> warnings(KubernetesClient client, String ns, String name) {
    return client.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name))
        .filter(e -> "Warning".equals(e.getType()))
        .map(e -> e.getReason())
        .toList();
  }
}
