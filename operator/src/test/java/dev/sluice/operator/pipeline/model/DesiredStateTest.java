package dev.sluice.operator.pipeline.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.Autoscaling;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.operator.pipeline.Pipelines;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The flights pipeline spec turned into exact Kubernetes objects, without Kubernetes. */
class DesiredStateTest {
  private final DataPipeline pipeline = Pipelines.flights();
  private final PipelineModel model = Pipelines.model(pipeline);

  @Test
  void everyStageTheSpecTurnsOn() {
    assertThat(model.stages())
        .containsExactly(
            Stage.COLLECTOR,
            Stage.ENRICHER,
            Stage.REALTIME_LOADER,
            Stage.BATCH_LOADER,
            Stage.CURATION);
    assertThat(model.deployedStages()).doesNotContain(Stage.CURATION);
    pipeline.getSpec().setLoaders(null);
    pipeline.getSpec().setCuration(null);
    assertThat(Pipelines.model(pipeline).stages()).containsExactly(Stage.COLLECTOR, Stage.ENRICHER);
  }

  @Test
  void enricherDeploymentIsExactlyTheGoldenOne() throws IOException {
    assertGolden("enricher-deployment.yaml", StageDeployments.desired(model, Stage.ENRICHER));
  }

  @Test
  void enricherConfigMapIsExactlyTheGoldenOne() throws IOException {
    assertGolden("enricher-configmap.yaml", StageConfigMaps.desired(model, Stage.ENRICHER));
  }

  @Test
  void collectorRunsTheRuntimeWithRestrictedSecurityAndProbes() {
    Deployment deployment = StageDeployments.desired(model, Stage.COLLECTOR);
    assertThat(deployment.getMetadata().getName()).isEqualTo("flights-collector");
    assertThat(deployment.getMetadata().getNamespace()).isEqualTo("data");
    assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
    PodSpec pod = deployment.getSpec().getTemplate().getSpec();
    Container container = pod.getContainers().get(0);
    assertThat(container.getImage()).isEqualTo(Pipelines.IMAGE);
    assertThat(container.getArgs())
        .containsExactly("--stage", "collector", "--config", "/etc/sluice/stage.yaml");
    assertThat(container.getPorts())
        .extracting(p -> p.getName() + ":" + p.getContainerPort())
        .containsExactly("http:8080", "grpc:9090");
    assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
    assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
    assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
    assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
    assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations())
        .containsKey(StagePods.CONFIG_HASH);
  }

  @Test
  void secretsReachStagesAsEnvironmentVariables() {
    List<EnvVar> batch = env(StageDeployments.desired(model, Stage.BATCH_LOADER));
    assertThat(batch)
        .filteredOn(e -> e.getName().startsWith("SLUICE_OBJECTSTORE"))
        .extracting(
            e ->
                e.getName()
                    + "="
                    + e.getValueFrom().getSecretKeyRef().getName()
                    + "/"
                    + e.getValueFrom().getSecretKeyRef().getKey())
        .containsExactly(
            "SLUICE_OBJECTSTORE_ACCESS_KEY=minio-credentials/accessKey",
            "SLUICE_OBJECTSTORE_SECRET_KEY=minio-credentials/secretKey");
    assertThat(env(StageDeployments.desired(model, Stage.ENRICHER)))
        .noneMatch(e -> e.getName().startsWith("SLUICE_OBJECTSTORE"));
    var realtime = pipeline.getSpec().getLoaders().getRealtime();
    realtime.setCredentialsSecret(new dev.sluice.api.v1alpha1.SecretReference());
    realtime.getCredentialsSecret().setName("opensearch-auth");
    assertThat(env(StageDeployments.desired(Pipelines.model(pipeline), Stage.REALTIME_LOADER)))
        .extracting(EnvVar::getName)
        .contains("SLUICE_REALTIME_USERNAME", "SLUICE_REALTIME_PASSWORD");
    pipeline.getSpec().getCollector().setAuthSecret(new dev.sluice.api.v1alpha1.SecretReference());
    pipeline.getSpec().getCollector().getAuthSecret().setName("collector-keys");
    Deployment collector = StageDeployments.desired(Pipelines.model(pipeline), Stage.COLLECTOR);
    assertThat(env(collector))
        .filteredOn(e -> e.getName().equals("SLUICE_COLLECTOR_API_KEYS_FILE"))
        .extracting(EnvVar::getValue)
        .containsExactly("/etc/sluice/auth/apiKeys");
    assertThat(collector.getSpec().getTemplate().getSpec().getVolumes())
        .anyMatch(
            v -> v.getSecret() != null && v.getSecret().getSecretName().equals("collector-keys"));
  }

  @Test
  void stageYamlHoldsOnlyWhatTheStageReads() throws IOException {
    StageConfig enricher = parse(StageConfigs.yaml(model, Stage.ENRICHER));
    assertThat(enricher.getPipeline()).isEqualTo("flights");
    assertThat(enricher.getNamespace()).isEqualTo("data");
    assertThat(enricher.getTopics().getRaw()).isEqualTo("flights.raw");
    assertThat(enricher.getSpec().getEnricher().getEnrichments()).hasSize(2);
    assertThat(enricher.getSpec().getContracts())
        .extracting(c -> c.getName())
        .containsExactly("flight-departed");
    assertThat(enricher.getSpec().getKafka().getBootstrapServers())
        .isEqualTo("my-cluster-kafka-bootstrap.kafka:9092");
    assertThat(StageConfigs.yaml(model, Stage.ENRICHER))
        .doesNotContain("collector:", "loaders:", "strimziCluster", "replicas");
    StageConfig batch = parse(StageConfigs.yaml(model, Stage.BATCH_LOADER));
    assertThat(batch.getSpec().getLoaders().getBatch().getBucket()).isEqualTo("flights-raw");
    assertThat(batch.getSpec().getObjectStore().getEndpoint()).isEqualTo("http://minio.minio:9000");
    assertThat(StageConfigs.yaml(model, Stage.BATCH_LOADER)).doesNotContain("contracts:");
  }

  @Test
  void aSpecChangeRollsOnlyTheStagesItConcerns() {
    var before = hashes(model);

    DataPipeline enrichmentChanged = Pipelines.flights();
    enrichmentChanged.getSpec().getEnricher().getEnrichments().remove(1);
    assertThat(changed(before, hashes(Pipelines.model(enrichmentChanged))))
        .containsExactly(Stage.ENRICHER);

    DataPipeline scaled = Pipelines.flights();
    scaled.getSpec().getCollector().setReplicas(5);
    scaled.getSpec().getEnricher().setReplicas(3);
    scaled.getSpec().getKafka().getTopics().setPartitions(12);
    assertThat(changed(before, hashes(Pipelines.model(scaled)))).isEmpty();

    DataPipeline batchChanged = Pipelines.flights();
    batchChanged.getSpec().getLoaders().getBatch().setPrefix("v2");
    assertThat(changed(before, hashes(Pipelines.model(batchChanged))))
        .containsExactly(Stage.BATCH_LOADER, Stage.CURATION);

    DataPipeline moved = Pipelines.flights();
    moved.getSpec().getKafka().setBootstrapServers("other:9092");
    assertThat(changed(before, hashes(Pipelines.model(moved))))
        .containsExactlyElementsOf(model.stages());
  }

  @Test
  void aContractChangeRollsTheStagesThatReadContracts() {
    PipelineModel newVersion =
        new PipelineModel(
            pipeline,
            java.util.Map.of("flight-departed", Pipelines.flightDeparted(2, "aaaa", "bbbb")),
            Pipelines.IMAGE);
    assertThat(changed(hashes(model), hashes(newVersion)))
        .containsExactly(Stage.COLLECTOR, Stage.ENRICHER, Stage.REALTIME_LOADER, Stage.CURATION);
    assertThat(
            StageDeployments.desired(model, Stage.REALTIME_LOADER)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .getFirst()
                .getVolumeMounts())
        .anyMatch(m -> m.getMountPath().equals("/etc/sluice/contracts/flight-departed"));
    assertThat(StageConfigs.yaml(model, Stage.REALTIME_LOADER)).contains("contracts:");
  }

  @Test
  void theCollectorServiceExposesHttpAndGrpc() {
    Service service = CollectorServices.desired(model);
    assertThat(service.getMetadata().getName()).isEqualTo("flights-collector");
    assertThat(service.getSpec().getSelector())
        .containsEntry("sluice.dev/pipeline", "flights")
        .containsEntry("sluice.dev/stage", "collector");
    assertThat(service.getSpec().getPorts())
        .extracting(p -> p.getName() + ":" + p.getPort() + "->" + p.getTargetPort().getStrVal())
        .containsExactly("http:8080->http", "grpc:9090->grpc");
  }

  @Test
  void autoscalingOwnsTheReplicasThroughAnHpa() {
    Autoscaling autoscaling = new Autoscaling();
    autoscaling.setMinReplicas(2);
    autoscaling.setMaxReplicas(8);
    pipeline.getSpec().getEnricher().setAutoscaling(autoscaling);
    PipelineModel scaled = Pipelines.model(pipeline);
    assertThat(StageDeployments.desired(scaled, Stage.ENRICHER).getSpec().getReplicas()).isNull();
    HorizontalPodAutoscaler hpa = StageAutoscalers.desired(scaled, Stage.ENRICHER);
    assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("flights-enricher");
    assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
    assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(8);
    assertThat(hpa.getSpec().getMetrics().get(0).getResource().getTarget().getAverageUtilization())
        .isEqualTo(70);
    assertThat(StageDisruptionBudgets.wanted(scaled, Stage.ENRICHER)).isTrue();
  }

  @Test
  void disruptionBudgetsOnlyForStagesWithMoreThanOneReplica() {
    assertThat(StageDisruptionBudgets.wanted(model, Stage.COLLECTOR)).isTrue();
    assertThat(StageDisruptionBudgets.wanted(model, Stage.ENRICHER)).isFalse();
    var pdb = StageDisruptionBudgets.desired(model, Stage.COLLECTOR);
    assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    assertThat(pdb.getSpec().getSelector().getMatchLabels())
        .containsEntry("sluice.dev/stage", "collector");
  }

  @Test
  void curationIsACronJobWithTheWindow() {
    CronJob cronJob = CurationCronJobs.desired(model);
    assertThat(cronJob.getMetadata().getName()).isEqualTo("flights-curation");
    assertThat(cronJob.getSpec().getSchedule()).isEqualTo("15 * * * *");
    assertThat(cronJob.getSpec().getConcurrencyPolicy()).isEqualTo("Forbid");
    PodSpec pod = cronJob.getSpec().getJobTemplate().getSpec().getTemplate().getSpec();
    assertThat(pod.getRestartPolicy()).isEqualTo("OnFailure");
    assertThat(pod.getContainers().get(0).getArgs())
        .containsExactly(
            "--stage", "curation", "--config", "/etc/sluice/stage.yaml", "--window", "Hour");
    assertThat(env(pod)).extracting(EnvVar::getName).contains("SLUICE_OBJECTSTORE_ACCESS_KEY");
  }

  private static java.util.Map<Stage, String> hashes(PipelineModel model) {
    java.util.Map<Stage, String> hashes = new java.util.LinkedHashMap<>();
    model.stages().forEach(s -> hashes.put(s, StageConfigs.hash(model, s)));
    return hashes;
  }

  private static List<Stage> changed(
      java.util.Map<Stage, String> before, java.util.Map<Stage, String> after) {
    return before.keySet().stream().filter(s -> !before.get(s).equals(after.get(s))).toList();
  }

  private static List<EnvVar> env(Deployment deployment) {
    return env(deployment.getSpec().getTemplate().getSpec());
  }

  private static List<EnvVar> env(PodSpec pod) {
    return pod.getContainers().get(0).getEnv();
  }

  private static StageConfig parse(String yaml) throws IOException {
    return new ObjectMapper(new YAMLFactory()).readValue(yaml, StageConfig.class);
  }

  /**
   * Compares an object with {@code src/test/resources/golden/<name>}; run with
   * -Dsluice.updateGolden=true to rewrite the file after an intended change.
   */
  private static void assertGolden(String name, Object actual) throws IOException {
    String yaml = Serialization.asYaml(actual);
    Path golden = Path.of("src/test/resources/golden", name);
    if (Boolean.getBoolean("sluice.updateGolden")) {
      Files.writeString(golden, yaml);
    }
    assertThat(golden).as("golden file (create it with -Dsluice.updateGolden=true)").exists();
    assertThat(yaml).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
