package dev.sluice.operator.modeldeployment;

import static dev.sluice.operator.modeldeployment.ModelDeployments.NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.api.v1alpha1.Autoscaling;
import dev.sluice.api.v1alpha1.BatchSpec;
import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.RollingUpdateSpec;
import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.api.v1alpha1.ServingMode;
import dev.sluice.api.v1alpha1.StreamSpec;
import dev.sluice.api.v1alpha1.TrafficProvider;
import dev.sluice.operator.OperatorHarness;
import dev.sluice.operator.modeldeployment.model.HttpRoutes;
import dev.sluice.operator.modeldeployment.model.ModelPods;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ModelDeployment controller, with the real JOSDK operator and the real release strategies,
 * against the mock API server. The tests play the Deployment controller: they write Deployment
 * status (ready pods, pods gone) where Kubernetes would.
 */
@EnableKubernetesMockClient(crud = true)
class ModelDeploymentReconcilerTest {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  KubernetesClient client;
  OperatorHarness harness;
  final TestClock clock = new TestClock();

  @BeforeEach
  void start() {
    harness = new OperatorHarness(client, OperatorHarness.RELEASES, clock);
  }

  @AfterEach
  void stop() {
    harness.close();
  }

  @Test
  void firstDeployRunsTheVersionBehindTheRouterThenServes() {
    client
        .resource(
            ModelDeployments.step(ModelDeployments.of("fd", "1", ReleaseStrategy.Canary), 10, null))
        .create();

    eventually()
        .untilAsserted(
            () -> {
              assertThat(deployment("fd-1")).isNotNull();
              assertThat(deployment("fd-router")).isNotNull();
              assertThat(service("fd")).isNotNull();
              assertThat(service("fd-1")).isNotNull();
              assertThat(configMap("fd-router")).isNotNull();
            });
    Deployment server = deployment("fd-1");
    assertThat(server.getSpec().getReplicas()).isEqualTo(2);
    assertThat(server.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getKind()).isEqualTo("ModelDeployment"));
    var container = server.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs())
        .containsExactly("--stage", "model-server", "--config", "/etc/sluice/model/stage.yaml");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/ready");
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    JsonNode serverConfig = yaml(configMap("fd-1"));
    assertThat(serverConfig.path("server").path("version").asText()).isEqualTo("1");
    assertThat(serverConfig.path("server").path("registry").path("bucket").asText())
        .isEqualTo("models");
    assertThat(service("fd").getSpec().getSelector())
        .containsEntry("sluice.dev/stage", "model-router");
    assertThat(router().path("stable").path("url").asText())
        .isEqualTo("http://fd-1.models.svc:8080");
    // The status is written after the objects.
    eventually()
        .untilAsserted(
            () -> {
              assertThat(phase("fd")).isEqualTo(RolloutPhase.Progressing);
              assertThat(condition(md("fd"), "Ready").getReason()).isEqualTo("NotServing");
            });

    markReady("fd-1");
    markReady("fd-router");

    eventually()
        .untilAsserted(
            () -> assertThat(condition(md("fd"), "Ready").getStatus()).isEqualTo(Condition.TRUE));
    ModelDeployment serving = md("fd");
    assertThat(serving.getStatus().getPhase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(serving.getStatus().getStableVersion()).isEqualTo("1");
    assertThat(serving.getStatus().getCandidateVersion()).isNull();
    assertThat(serving.getStatus().getCandidateWeight()).isZero();
    assertThat(serving.getStatus().getObservedGeneration()).isEqualTo(1L);
    assertThat(condition(serving, "Progressing").getReason()).isEqualTo("ReleaseComplete");
    eventually().untilAsserted(() -> assertThat(events("fd")).contains("Deployed", "Serving"));
  }

  @Test
  void aCanaryWalksItsWeightsThroughTheRouterThenPromotes() {
    ModelDeployment canary = ModelDeployments.of("fd", "1", ReleaseStrategy.Canary);
    ModelDeployments.step(canary, 10, "1m");
    ModelDeployments.step(canary, 50, "1m");
    deployHealthy(canary, "fd-1");

    release("fd", "2");

    eventually()
        .untilAsserted(
            () -> {
              assertThat(deployment("fd-2")).isNotNull();
              assertThat(md("fd").getStatus().getCandidateVersion()).isEqualTo("2");
            });
    assertThat(router().path("candidateWeight").asInt()).isZero();
    markReady("fd-2");
    eventually()
        .untilAsserted(
            () -> {
              assertThat(router().path("candidateWeight").asInt()).isEqualTo(10);
              assertThat(md("fd").getStatus().getCandidateWeight()).isEqualTo(10);
            });
    assertThat(router().path("candidate").path("url").asText())
        .isEqualTo("http://fd-2.models.svc:8080");
    ModelDeployment step = md("fd");
    assertThat(step.getStatus().getCurrentStep()).isZero();
    assertThat(step.getStatus().getStep()).isEqualTo("CanaryStep");
    assertThat(step.getStatus().getStepSince()).isNotNull();
    assertThat(condition(step, "Progressing").getReason()).isEqualTo("ReleaseProgressing");
    assertThat(condition(step, "Ready").getStatus()).isEqualTo(Condition.TRUE);

    tick(Duration.ofSeconds(61), "fd-2");
    eventually()
        .untilAsserted(
            () -> {
              assertThat(router().path("candidateWeight").asInt()).isEqualTo(50);
              assertThat(md("fd").getStatus().getCurrentStep()).isEqualTo(1);
            });

    tick(Duration.ofSeconds(61), "fd-2");
    eventually()
        .untilAsserted(
            () -> {
              assertThat(router().path("candidateWeight").asInt()).isEqualTo(100);
              assertThat(md("fd").getStatus().getStep()).isEqualTo("ScaleDownPrevious");
            });
    assertThat(deployment("fd-1")).as("kept while routers drain").isNotNull();

    tick(Duration.ofSeconds(31), "fd-2");
    eventually()
        .untilAsserted(
            () -> {
              assertThat(phase("fd")).isEqualTo(RolloutPhase.Healthy);
              assertThat(deployment("fd-1")).isNull();
            });
    ModelDeployment done = md("fd");
    assertThat(done.getStatus().getStableVersion()).isEqualTo("2");
    assertThat(done.getStatus().getCandidateVersion()).isNull();
    assertThat(router().path("stable").path("version").asText()).isEqualTo("2");
    assertThat(router().has("candidate")).isFalse();
    eventually()
        .untilAsserted(
            () ->
                assertThat(events("fd"))
                    .contains("ReleaseStarted", "CanaryStepAdvanced", "Promoted"));
  }

  @Test
  void anAbortAnnotationRollsTheCanaryBack() {
    ModelDeployment canary = ModelDeployments.of("fd", "1", ReleaseStrategy.Canary);
    ModelDeployments.step(canary, 25, "1h");
    deployHealthy(canary, "fd-1");
    release("fd", "2");
    eventually().untilAsserted(() -> assertThat(deployment("fd-2")).isNotNull());
    markReady("fd-2");
    eventually()
        .untilAsserted(() -> assertThat(router().path("candidateWeight").asInt()).isEqualTo(25));

    annotate("fd", ManualControl.ABORT, "true");

    eventually()
        .untilAsserted(
            () -> {
              assertThat(phase("fd")).isEqualTo(RolloutPhase.RolledBack);
              assertThat(router().path("candidateWeight").asInt()).isZero();
              assertThat(deployment("fd-2").getSpec().getReplicas()).isZero();
              assertThat(md("fd").getMetadata().getAnnotations())
                  .doesNotContainKey(ManualControl.ABORT);
            });
    ModelDeployment rolledBack = md("fd");
    assertThat(rolledBack.getStatus().getStableVersion()).isEqualTo("1");
    assertThat(rolledBack.getStatus().getRolledBackVersion()).isEqualTo("2");
    assertThat(rolledBack.getStatus().getCandidateWeight()).isZero();
    assertThat(condition(rolledBack, "Progressing").getReason()).isEqualTo("ReleaseRolledBack");
    assertThat(router().path("stable").path("version").asText()).isEqualTo("1");
    eventually().untilAsserted(() -> assertThat(warnings("fd")).contains("Aborted", "RolledBack"));
  }

  @Test
  void aPauseAnnotationHoldsTheStepUntilRemoved() {
    ModelDeployment canary = ModelDeployments.of("fd", "1", ReleaseStrategy.Canary);
    ModelDeployments.step(canary, 10, "1m");
    ModelDeployments.step(canary, 40, "1h");
    deployHealthy(canary, "fd-1");
    release("fd", "2");
    eventually().untilAsserted(() -> assertThat(deployment("fd-2")).isNotNull());
    markReady("fd-2");
    eventually()
        .untilAsserted(() -> assertThat(router().path("candidateWeight").asInt()).isEqualTo(10));

    annotate("fd", ManualControl.PAUSE, "true");
    eventually()
        .untilAsserted(
            () -> {
              assertThat(phase("fd")).isEqualTo(RolloutPhase.Paused);
              assertThat(condition(md("fd"), "Progressing").getReason()).isEqualTo("ReleasePaused");
            });
    tick(Duration.ofMinutes(10), "fd-2");
    // The tick's reconcile runs within milliseconds; the step must still hold after it.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(router().path("candidateWeight").asInt()).isEqualTo(10);
              assertThat(phase("fd")).isEqualTo(RolloutPhase.Paused);
            });

    annotate("fd", ManualControl.PAUSE, null);
    eventually().untilAsserted(() -> assertThat(phase("fd")).isEqualTo(RolloutPhase.Progressing));
    assertThat(router().path("candidateWeight").asInt())
        .as("the pause restarts on resume")
        .isEqualTo(10);
    tick(Duration.ofSeconds(61), "fd-2");
    eventually()
        .untilAsserted(() -> assertThat(router().path("candidateWeight").asInt()).isEqualTo(40));
  }

  @Test
  void blueGreenPreviewsTheNewVersionThenSwitchesAllTrafficOnPromotion() {
    ModelDeployment blueGreen = ModelDeployments.of("fd", "1", ReleaseStrategy.BlueGreen);
    blueGreen.getSpec().getRelease().getBlueGreen().setScaleDownDelay("5m");
    deployHealthy(blueGreen, "fd-1");
    assertThat(service("fd-preview")).isNull();

    release("fd", "2");
    eventually().untilAsserted(() -> assertThat(deployment("fd-2")).isNotNull());
    markReady("fd-2");

    eventually()
        .untilAsserted(
            () ->
                assertThat(service("fd-preview").getSpec().getSelector())
                    .containsEntry("sluice.dev/model-version", "2"));
    eventually()
        .untilAsserted(
            () -> assertThat(md("fd").getStatus().getStep()).isEqualTo("AwaitPromotion"));
    assertThat(router().path("stable").path("version").asText()).isEqualTo("1");
    assertThat(router().path("candidateWeight").asInt()).isZero();

    annotate("fd", ManualControl.PROMOTE, "true");

    eventually()
        .untilAsserted(
            () -> {
              assertThat(router().path("candidateWeight").asInt()).isEqualTo(100);
              assertThat(md("fd").getMetadata().getAnnotations())
                  .doesNotContainKey(ManualControl.PROMOTE);
            });
    assertThat(deployment("fd-1"))
        .as("kept for scaleDownDelay, for an instant rollback")
        .isNotNull();
    assertThat(md("fd").getStatus().getStep()).isEqualTo("ScaleDownPrevious");

    tick(Duration.ofMinutes(5).plusSeconds(1), "fd-2");
    eventually()
        .untilAsserted(
            () -> {
              assertThat(phase("fd")).isEqualTo(RolloutPhase.Healthy);
              assertThat(md("fd").getStatus().getStableVersion()).isEqualTo("2");
              assertThat(deployment("fd-1")).isNull();
              assertThat(service("fd-preview")).isNull();
            });
    assertThat(router().path("stable").path("version").asText()).isEqualTo("2");
    eventually().untilAsserted(() -> assertThat(events("fd")).contains("PreviewReady", "Promoted"));
  }

  @Test
  void recreateScalesTheOldVersionDownBeforeStartingTheNew() {
    deployHealthy(ModelDeployments.of("fd", "1", ReleaseStrategy.Recreate), "fd-1");
    List<String> writes = new CopyOnWriteArrayList<>();
    try (Watch watch = watchDeployments(writes)) {
      release("fd", "2");

      eventually()
          .untilAsserted(() -> assertThat(deployment("fd-1").getSpec().getReplicas()).isZero());
      markGone("fd-1");
      eventually().untilAsserted(() -> assertThat(deployment("fd-2")).isNotNull());
      markReady("fd-2");
      eventually()
          .untilAsserted(
              () -> {
                assertThat(phase("fd")).isEqualTo(RolloutPhase.Healthy);
                assertThat(md("fd").getStatus().getStableVersion()).isEqualTo("2");
              });
    }
    // The mock API server drops a Deployment's status when its spec is replaced, so whether the
    // operator waited for the old pods is checked on a real API server (ModelDeploymentE2E);
    // here, the order of the writes.
    assertThat(writes).containsSubsequence("fd-1 scaled to 0", "fd-2 created");
    assertThat(router().path("stable").path("version").asText()).isEqualTo("2");
    eventually().untilAsserted(() -> assertThat(events("fd")).contains("OldVersionScaledDown"));
  }

  @Test
  void rollingUpdateChangesTheTemplateOfOneDeployment() {
    ModelDeployment rolling = ModelDeployments.of("fd", "1", ReleaseStrategy.RollingUpdate);
    RollingUpdateSpec settings = new RollingUpdateSpec();
    settings.setMaxSurge(new IntOrString(1));
    settings.setMaxUnavailable(new IntOrString(0));
    rolling.getSpec().getRelease().setRollingUpdate(settings);
    deployHealthy(rolling, "fd-server");
    Deployment before = deployment("fd-server");
    assertThat(before.getSpec().getStrategy().getRollingUpdate().getMaxSurge().getIntVal())
        .isEqualTo(1);
    assertThat(before.getSpec().getTemplate().getMetadata().getLabels())
        .containsEntry("sluice.dev/model-version", "1");
    String hash =
        before.getSpec().getTemplate().getMetadata().getAnnotations().get(ModelPods.CONFIG_HASH);

    release("fd", "2");

    eventually()
        .untilAsserted(
            () ->
                assertThat(
                        deployment("fd-server").getSpec().getTemplate().getMetadata().getLabels())
                    .containsEntry("sluice.dev/model-version", "2"));
    Deployment rolled = deployment("fd-server");
    assertThat(
            rolled
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get(ModelPods.CONFIG_HASH))
        .isNotEqualTo(hash);
    assertThat(rolled.getSpec().getSelector().getMatchLabels())
        .doesNotContainKey("sluice.dev/model-version");
    assertThat(deployment("fd-2")).isNull();
    assertThat(yaml(configMap("fd-server")).path("server").path("version").asText()).isEqualTo("2");
    eventually()
        .untilAsserted(() -> assertThat(md("fd").getStatus().getStep()).isEqualTo("Rolling"));
    markReady("fd-server");
    eventually()
        .untilAsserted(() -> assertThat(md("fd").getStatus().getStableVersion()).isEqualTo("2"));
  }

  @Test
  void gatewayApiSetsTheWeightsOfTheUsersHttpRoute() {
    installHttpRouteCrd();
    client
        .genericKubernetesResources(HttpRoutes.API_VERSION, HttpRoutes.KIND)
        .inNamespace(NS)
        .resource(
            new GenericKubernetesResourceBuilder()
                .withApiVersion(HttpRoutes.API_VERSION)
                .withKind(HttpRoutes.KIND)
                .withNewMetadata()
                .withName("fd-route")
                .withNamespace(NS)
                .endMetadata()
                .addToAdditionalProperties(
                    "spec",
                    Map.of(
                        "parentRefs",
                        List.of(Map.of("name", "public")),
                        "rules",
                        List.of(
                            Map.of(
                                "matches",
                                List.of(
                                    Map.of(
                                        "path", Map.of("type", "PathPrefix", "value", "/v2")))))))
                .build())
        .create();
    ModelDeployment canary = ModelDeployments.of("fd", "1", ReleaseStrategy.Canary);
    ModelDeployments.step(canary, 30, "1h");
    ModelDeployments.traffic(canary, TrafficProvider.GatewayAPI, "fd-route");
    client.resource(canary).create();
    eventually().untilAsserted(() -> assertThat(deployment("fd-1")).isNotNull());
    assertThat(deployment("fd-router")).as("no router with Gateway API").isNull();
    markReady("fd-1");
    eventually().untilAsserted(() -> assertThat(phase("fd")).isEqualTo(RolloutPhase.Healthy));

    release("fd", "2");
    eventually().untilAsserted(() -> assertThat(deployment("fd-2")).isNotNull());
    markReady("fd-2");

    eventually()
        .untilAsserted(
            () ->
                assertThat(route().path("spec").path("rules").get(0).path("backendRefs").toString())
                    .as(route().toString())
                    .isEqualTo(
                        "[{\"name\":\"fd-1\",\"port\":8080,\"weight\":70},"
                            + "{\"name\":\"fd-2\",\"port\":8080,\"weight\":30}]"));
    JsonNode route = route();
    assertThat(route.path("spec").path("parentRefs").get(0).path("name").asText())
        .isEqualTo("public");
    assertThat(
            route
                .path("spec")
                .path("rules")
                .get(0)
                .path("matches")
                .get(0)
                .path("path")
                .path("value")
                .asText())
        .isEqualTo("/v2");
    assertThat(route.path("metadata").path("ownerReferences").isMissingNode())
        .as("the user's route is not taken over")
        .isTrue();
  }

  @Test
  void gatewayApiWithoutItsCrdIsReported() {
    ModelDeployment canary = ModelDeployments.of("fd", "1", ReleaseStrategy.Canary);
    ModelDeployments.step(canary, 30, "1h");
    ModelDeployments.traffic(canary, TrafficProvider.GatewayAPI, "fd-route");
    client.resource(canary).create();

    eventually()
        .untilAsserted(
            () -> {
              assertThat(condition(md("fd"), "Ready").getReason())
                  .isEqualTo("GatewayApiNotInstalled");
              assertThat(warnings("fd")).contains("GatewayApiNotInstalled");
            });
  }

  @Test
  void replicasProviderSplitsByPodCounts() {
    ModelDeployment canary = ModelDeployments.of("fd", "1", ReleaseStrategy.Canary);
    canary.getSpec().setReplicas(4);
    ModelDeployments.step(canary, 10, "1h");
    ModelDeployments.traffic(canary, TrafficProvider.Replicas, null);
    client.resource(canary).create();
    eventually().untilAsserted(() -> assertThat(deployment("fd-1")).isNotNull());
    assertThat(service("fd").getSpec().getSelector())
        .containsEntry("sluice.dev/model-version", "1");
    markReady("fd-1");
    eventually().untilAsserted(() -> assertThat(phase("fd")).isEqualTo(RolloutPhase.Healthy));

    release("fd", "2");
    eventually().untilAsserted(() -> assertThat(deployment("fd-2")).isNotNull());
    markReady("fd-2");

    eventually()
        .untilAsserted(
            () -> {
              assertThat(deployment("fd-2").getSpec().getReplicas()).isEqualTo(1);
              assertThat(deployment("fd-1").getSpec().getReplicas()).isEqualTo(3);
              assertThat(service("fd").getSpec().getSelector())
                  .doesNotContainKey("sluice.dev/model-version")
                  .containsEntry("sluice.dev/stage", "model-server");
            });
    assertThat(deployment("fd-router")).isNull();
  }

  @Test
  void aSpecTheOperatorCannotServeIsReportedAndNothingIsCreated() {
    ModelDeployment noRegistry = ModelDeployments.of("fd", "1", ReleaseStrategy.Recreate);
    noRegistry.getSpec().setRegistry(null);
    client.resource(noRegistry).create();

    eventually()
        .untilAsserted(
            () -> {
              Condition ready = condition(md("fd"), "Ready");
              assertThat(ready.getReason()).isEqualTo("InvalidSpec");
              assertThat(ready.getMessage()).startsWith("spec.registry is required");
              assertThat(warnings("fd")).contains("InvalidSpec");
            });
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void streamModeAndAutoscalingReachTheModelServers() {
    ModelDeployment stream = ModelDeployments.of("fd", "1", ReleaseStrategy.Recreate);
    StreamSpec topics = new StreamSpec();
    topics.setBootstrapServers("my-cluster-kafka-bootstrap.kafka:9092");
    topics.setInputTopic("flights.enriched");
    topics.setOutputTopic("flight-delay.predictions");
    stream.getSpec().setMode(ServingMode.Stream);
    stream.getSpec().setStream(topics);
    Autoscaling autoscaling = new Autoscaling();
    autoscaling.setMinReplicas(2);
    autoscaling.setMaxReplicas(5);
    stream.getSpec().setAutoscaling(autoscaling);
    client.resource(stream).create();

    eventually()
        .untilAsserted(
            () -> {
              assertThat(deployment("fd-1")).isNotNull();
              assertThat(
                      client
                          .autoscaling()
                          .v2()
                          .horizontalPodAutoscalers()
                          .inNamespace(NS)
                          .withName("fd-1")
                          .get())
                  .isNotNull();
            });
    JsonNode server = yaml(configMap("fd-1")).path("server");
    assertThat(server.path("stream").path("inputTopic").asText()).isEqualTo("flights.enriched");
    assertThat(server.path("stream").path("outputTopic").asText())
        .isEqualTo("flight-delay.predictions");
    assertThat(deployment("fd-1").getSpec().getReplicas()).as("the HPA owns the count").isNull();
    var hpa =
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(NS).withName("fd-1").get();
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(5);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("fd-1");
  }

  @Test
  void batchModeSchedulesTheBatchJobAndServesNothing() {
    ModelDeployment batch = ModelDeployments.of("fd", "production", ReleaseStrategy.Canary);
    ModelDeployments.step(batch, 10, "1h");
    BatchSpec spec = new BatchSpec();
    spec.setInput("s3://flights-curated/flight.departed");
    batch.getSpec().setMode(ServingMode.Batch);
    batch.getSpec().setBatch(spec);
    client.resource(batch).create();

    eventually()
        .untilAsserted(
            () -> {
              assertThat(client.batch().v1().cronjobs().inNamespace(NS).withName("fd-batch").get())
                  .isNotNull();
              assertThat(condition(md("fd"), "Ready").getReason()).isEqualTo("BatchScheduled");
            });
    CronJob job = client.batch().v1().cronjobs().inNamespace(NS).withName("fd-batch").get();
    assertThat(job.getSpec().getSchedule()).isEqualTo("30 * * * *");
    var container =
        job.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(container.getArgs())
        .containsExactly("--stage", "model-batch", "--config", "/etc/sluice/model/stage.yaml");
    assertThat(container.getReadinessProbe()).isNull();
    JsonNode config = yaml(configMap("fd-batch")).path("batch");
    assertThat(config.path("version").asText()).isEqualTo("production");
    assertThat(config.path("input").path("bucket").asText()).isEqualTo("flights-curated");
    assertThat(config.path("input").path("prefix").asText()).isEqualTo("flight.departed");
    assertThat(md("fd").getStatus().getStableVersion()).isEqualTo("production");
    assertThat(client.apps().deployments().inNamespace(NS).list().getItems()).isEmpty();
    assertThat(client.services().inNamespace(NS).list().getItems()).isEmpty();
  }

  @Test
  void anAbortWithNoReleaseInProgressIsRemovedWithAnEvent() {
    deployHealthy(ModelDeployments.of("fd", "1", ReleaseStrategy.Recreate), "fd-1");

    annotate("fd", ManualControl.ABORT, "true");

    eventually()
        .untilAsserted(
            () -> {
              assertThat(md("fd").getMetadata().getAnnotations())
                  .doesNotContainKey(ManualControl.ABORT);
              assertThat(events("fd")).contains("AbortIgnored");
            });
    assertThat(phase("fd")).isEqualTo(RolloutPhase.Healthy);
  }

  // --- helpers

  /** Creates a deployment, plays Kubernetes until its first version serves, and waits for it. */
  private void deployHealthy(ModelDeployment deployment, String serverDeployment) {
    client.resource(deployment).create();
    String name = deployment.getMetadata().getName();
    eventually()
        .untilAsserted(
            () -> {
              assertThat(deployment(serverDeployment)).isNotNull();
              assertThat(deployment(name + "-router")).isNotNull();
            });
    markReady(serverDeployment);
    markReady(name + "-router");
    eventually()
        .untilAsserted(
            () -> {
              assertThat(phase(name)).isEqualTo(RolloutPhase.Healthy);
              assertThat(condition(md(name), "Ready").getStatus()).isEqualTo(Condition.TRUE);
            });
  }

  /**
   * Sets (or, with null, removes) an annotation the way {@code kubectl annotate} does: a JSON merge
   * patch without a resourceVersion, so the operator's concurrent status writes cannot conflict.
   */
  private void annotate(String name, String key, String value) {
    Map<String, Object> annotations = new java.util.HashMap<>();
    annotations.put(key, value);
    mergePatch(name, Map.of("metadata", Map.of("annotations", annotations)));
  }

  /** Changes spec.model.version, as {@code kubectl patch} would. */
  private void release(String name, String version) {
    mergePatch(name, Map.of("spec", Map.of("model", Map.of("version", version))));
  }

  private void mergePatch(String name, Map<String, Object> patch) {
    client
        .resources(ModelDeployment.class)
        .inNamespace(NS)
        .withName(name)
        .patch(
            PatchContext.of(PatchType.JSON_MERGE),
            client.getKubernetesSerialization().asJson(patch));
  }

  /**
   * Lets time pass: moves the operator's clock, then plays the Deployment controller refreshing a
   * Deployment's Progressing condition, whose event brings a reconcile (the operator's own requeue
   * would come after the real delay).
   */
  private void tick(Duration by, String touched) {
    clock.advance(by);
    Deployment deployment = deployment(touched);
    deployment
        .getStatus()
        .setConditions(
            List.of(
                new DeploymentConditionBuilder()
                    .withType("Progressing")
                    .withStatus("True")
                    .withReason("NewReplicaSetAvailable")
                    .withLastUpdateTime(clock.instant().toString())
                    .build()));
    client.resource(deployment).updateStatus();
  }

  /** Records the operator's Deployment writes: creations and scale-downs to 0, in order. */
  private Watch watchDeployments(List<String> writes) {
    return client
        .apps()
        .deployments()
        .inNamespace(NS)
        .watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, Deployment d) {
                String name = d.getMetadata().getName();
                if (action == Action.ADDED) {
                  writes.add(name + " created");
                } else if (action == Action.MODIFIED
                    && Integer.valueOf(0).equals(d.getSpec().getReplicas())) {
                  writes.add(name + " scaled to 0");
                }
              }

              @Override
              public void onClose(WatcherException cause) {}
            });
  }

  /** Plays the Deployment controller: every pod of a Deployment scaled to zero is gone. */
  private void markGone(String name) {
    Deployment deployment = deployment(name);
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(0)
            .withUpdatedReplicas(0)
            .withReadyReplicas(0)
            .build());
    client.resource(deployment).updateStatus();
  }

  private JsonNode route() {
    try {
      return YAML.readTree(
          client
              .getKubernetesSerialization()
              .asJson(
                  client
                      .genericKubernetesResources(HttpRoutes.API_VERSION, HttpRoutes.KIND)
                      .inNamespace(NS)
                      .withName("fd-route")
                      .get()));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Installs the Gateway API HTTPRoute CRD (names and version; the mock server needs no schema).
   */
  private void installHttpRouteCrd() {
    client
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(HttpRoutes.CRD)
                .endMetadata()
                .withNewSpec()
                .withGroup("gateway.networking.k8s.io")
                .withScope("Namespaced")
                .withNewNames()
                .withKind(HttpRoutes.KIND)
                .withPlural("httproutes")
                .withSingular("httproute")
                .endNames()
                .addNewVersion()
                .withName("v1")
                .withServed(true)
                .withStorage(true)
                .endVersion()
                .endSpec()
                .build())
        .create();
  }

  private List<String> warnings(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name))
        .filter(e -> e.getType().equals("Warning"))
        .map(Event::getReason)
        .toList();
  }

  private static ConditionFactory eventually() {
    return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100));
  }

  private ModelDeployment md(String name) {
    return client.resources(ModelDeployment.class).inNamespace(NS).withName(name).get();
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NS).withName(name).get();
  }

  private Service service(String name) {
    return client.services().inNamespace(NS).withName(name).get();
  }

  private ConfigMap configMap(String name) {
    return client.configMaps().inNamespace(NS).withName(name).get();
  }

  private JsonNode router() {
    return yaml(configMap("fd-router")).path("router");
  }

  private static JsonNode yaml(ConfigMap configMap) {
    try {
      return YAML.readTree(configMap.getData().get("stage.yaml"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Plays the Deployment controller: every wanted pod exists, runs the template and is ready. */
  private void markReady(String name) {
    Deployment deployment = deployment(name);
    int replicas = deployment.getSpec().getReplicas();
    deployment.setStatus(
        new DeploymentStatusBuilder()
            .withObservedGeneration(deployment.getMetadata().getGeneration())
            .withReplicas(replicas)
            .withUpdatedReplicas(replicas)
            .withReadyReplicas(replicas)
            .withAvailableReplicas(replicas)
            .build());
    client.resource(deployment).updateStatus();
  }

  private static Condition condition(ModelDeployment deployment, String type) {
    assertThat(deployment.getStatus())
        .as("status of " + deployment.getMetadata().getName())
        .isNotNull();
    return deployment.getStatus().condition(type).orElseThrow();
  }

  private RolloutPhase phase(String name) {
    ModelDeployment deployment = md(name);
    assertThat(deployment.getStatus()).as("status of " + name).isNotNull();
    return deployment.getStatus().getPhase();
  }

  private List<String> events(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> e.getInvolvedObject().getName().equals(name))
        .map(Event::getReason)
        .toList();
  }
}
