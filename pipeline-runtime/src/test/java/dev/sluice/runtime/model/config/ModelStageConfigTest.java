package dev.sluice.runtime.model.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.stage.model.ModelBatchConfig;
import dev.sluice.api.stage.model.ModelRouterConfig;
import dev.sluice.api.stage.model.ModelServerConfig;
import dev.sluice.api.stage.model.ModelStageConfig;
import dev.sluice.api.v1alpha1.CurationWindow;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelStageConfigTest {
  @TempDir Path dir;

  private static final String SERVER =
      """
      deployment: flight-delay
      server:
        model: flight-delay
        version: production
        registry: {bucket: models, endpoint: "http://minio:9000"}
        stream:
          inputTopic: flights.enriched
          outputTopic: flight-delay.predictions
      """;

  private static final String ROUTER =
      """
      deployment: flight-delay
      router:
        model: flight-delay
        stable: {version: "1", url: "http://flight-delay-1:8080"}
        candidate: {version: "2", url: "http://flight-delay-2:8080"}
        candidateWeight: 25
        shadow: {mirrorPercent: 50}
      """;

  private static final String BATCH =
      """
      deployment: flight-delay-batch
      batch:
        model: flight-delay
        version: production
        registry: {bucket: models, endpoint: "http://minio:9000"}
        input: {bucket: flights-curated, prefix: flight.departed}
      """;

  @Test
  void readsABatchConfigurationWithDefaultsThroughRuntimeConfig() throws Exception {
    Path file = Files.writeString(dir.resolve("batch.yaml"), BATCH);
    RuntimeConfig config = RuntimeConfig.load("model-batch", file, Map.of());
    assertThat(config.ownerName()).isEqualTo("flight-delay-batch");
    assertThat(config.bootstrapServers()).isNull();
    ModelBatchConfig batch = config.modelStage().batch();
    assertThat(batch.input().prefix()).isEqualTo("flight.departed");
    assertThat(batch.input().endpoint()).isNull();
    assertThat(batch.window()).isEqualTo(CurationWindow.Hour);
    assertThat(batch.batchSize()).isEqualTo(1024);
    assertThat(batch.maxInputBytes()).isEqualTo(1024L * 1024 * 1024);
    assertThat(batch.maxListedRejections()).isEqualTo(1000);
    assertThat(
            ModelStageConfigs.parse(BATCH + "  window: Day\n", StageName.MODEL_BATCH)
                .batch()
                .window())
        .isEqualTo(CurationWindow.Day);
  }

  @Test
  void namesTheFieldAtFaultOfABatchConfiguration() {
    assertRefused(
        BATCH.replace("prefix: flight.departed", "prefix: /flight.departed"),
        StageName.MODEL_BATCH,
        "batch.input.prefix '/flight.departed' is not a relative key prefix");
    assertRefused(
        BATCH.replace("prefix: flight.departed", "prefix: a/../b"),
        StageName.MODEL_BATCH,
        "batch.input.prefix 'a/../b' is not a relative key prefix");
    assertRefused(
        BATCH.replace("{bucket: flights-curated, prefix: flight.departed}", "{prefix: x}"),
        StageName.MODEL_BATCH,
        "batch.input.bucket is required");
    assertRefused(
        BATCH.replace("bucket: flights-curated", "bucket: Flights_Curated"),
        StageName.MODEL_BATCH,
        "batch.input.bucket 'Flights_Curated' is not a valid bucket name");
    assertRefused(
        BATCH + "  batchSize: 0\n", StageName.MODEL_BATCH, "batch.batchSize is 0, expected");
    assertRefused(BATCH + "  window: Week\n", StageName.MODEL_BATCH, "window");
    assertRefused(
        BATCH.replace("  input: {bucket: flights-curated, prefix: flight.departed}\n", ""),
        StageName.MODEL_BATCH,
        "batch.input is required");
    assertRefused(BATCH, StageName.MODEL_SERVER, "server is required for stage model-server");
    assertRefused(
        SERVER + BATCH.substring(BATCH.indexOf("batch:")),
        StageName.MODEL_SERVER,
        "batch is only allowed for stage model-batch");
    assertRefused(SERVER, StageName.MODEL_BATCH, "batch is required for stage model-batch");
  }

  @Test
  void readsAServerConfigurationWithDefaultsThroughRuntimeConfig() throws Exception {
    Path file = Files.writeString(dir.resolve("server.yaml"), SERVER);
    RuntimeConfig config =
        RuntimeConfig.load(
            "model-server", file, Map.of("SLUICE_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092"));
    assertThat(config.stageConfig()).isNull();
    assertThat(config.ownerName()).isEqualTo("flight-delay");
    assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.modelStageFile()).isEqualTo(file);
    ModelServerConfig server = config.modelStage().server();
    assertThat(server.maxBatchSize()).isEqualTo(1024);
    assertThat(server.maxRequestBytes()).isEqualTo(4L * 1024 * 1024);
    assertThat(server.stream().deadLetterTopic()).isEqualTo("flight-delay.predictions.dlq");
    assertThat(server.stream().maxPollRecords()).isEqualTo(500);
  }

  @Test
  void streamModeNeedsBootstrapServers() throws Exception {
    Path file = Files.writeString(dir.resolve("server.yaml"), SERVER);
    assertThatThrownBy(() -> RuntimeConfig.load("model-server", file, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.stream.bootstrapServers is required");
  }

  @Test
  void readsARouterConfiguration() {
    ModelRouterConfig router = ModelStageConfigs.parse(ROUTER, StageName.MODEL_ROUTER).router();
    assertThat(router.candidateWeight()).isEqualTo(25);
    assertThat(router.shadow().mirrorPercent()).isEqualTo(50);
    assertThat(router.shadow().maxInFlight()).isEqualTo(64);
    assertThat(router.shadow().tolerance()).isNull();
    assertThat(router.requestTimeoutMs()).isEqualTo(5000);
  }

  @Test
  void namesTheFieldAtFault() {
    assertRefused(
        ROUTER.replace("candidateWeight: 25", "candidateWeight: 120"),
        StageName.MODEL_ROUTER,
        "router.candidateWeight is 120, expected 0..100");
    assertRefused(
        ROUTER.replace("http://flight-delay-2:8080", "flight-delay-2"),
        StageName.MODEL_ROUTER,
        "router.candidate.url 'flight-delay-2' is not an http(s) URL");
    assertRefused(
        ROUTER.replace("mirrorPercent: 50", "mirrorPercent: 0"),
        StageName.MODEL_ROUTER,
        "router.shadow.mirrorPercent is 0");
    assertRefused(ROUTER, StageName.MODEL_SERVER, "server is required for stage model-server");
    assertRefused(
        SERVER.replace("version: production", "version: ../x"),
        StageName.MODEL_SERVER,
        "server.version '../x' is not a valid name");
    assertRefused(
        SERVER.replace("{bucket: models, endpoint: \"http://minio:9000\"}", "{}"),
        StageName.MODEL_SERVER,
        "server.registry.bucket or directory");
    assertRefused(
        SERVER.replace("inputTopic: flights.enriched", "inputTopic: \"a b\""),
        StageName.MODEL_SERVER,
        "server.stream.inputTopic 'a b' is not a valid topic name");
    assertRefused(SERVER + "  colour: blue\n", StageName.MODEL_SERVER, "colour");
  }

  @Test
  void refusesAFileOverTheSizeLimit() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("big.yaml"), "#" + "x".repeat((int) ModelStageConfig.MAX_BYTES));
    assertThatThrownBy(() -> ModelStageConfigs.read(file, StageName.MODEL_SERVER))
        .hasMessageContaining("is larger than");
  }

  private static void assertRefused(String yaml, StageName stage, String message) {
    assertThatThrownBy(() -> ModelStageConfigs.parse(yaml, stage))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
