package dev.sluice.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.runtime.StageName;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigTest {
  private static final String VALID =
      """
      pipeline: flights
      namespace: default
      spec:
        contracts: [{name: flight-departed}]
        kafka: {bootstrapServers: "kafka:9092"}
      """;

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("stage.yaml"), yaml);
  }

  @Test
  void readsTheFileAndAppliesEnvironmentOverrides() throws IOException {
    Path file = write(VALID);

    RuntimeConfig config =
        RuntimeConfig.load(
            null,
            file,
            Map.of(
                "SLUICE_STAGE", "enricher",
                "SLUICE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092",
                "SLUICE_HTTP_PORT", "18080",
                "SLUICE_INSTANCE", "enricher-0"));

    assertThat(config.stage()).isEqualTo(StageName.ENRICHER);
    assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(config.httpPort()).isEqualTo(18080);
    assertThat(config.instance()).isEqualTo("enricher-0");
    assertThat(config.stageConfig().getTopics().getRaw()).isEqualTo("flights.raw");
    assertThat(config.contractsDir()).isEqualTo(Path.of("/etc/sluice/contracts"));
  }

  @Test
  void endpointVariablesReplaceTheRenderedInClusterAddresses() throws IOException {
    Path file =
        write(
            VALID
                + """
                  objectStore: {endpoint: "http://minio.minio:9000", region: eu-west-1}
                  loaders:
                    realtime: {url: "http://opensearch.search:9200", indexPrefix: flights}
                    batch: {bucket: flights-raw}
                """);
    Map<String, String> env =
        Map.of(
            "SLUICE_OBJECTSTORE_ENDPOINT", "http://127.0.0.1:19000",
            "SLUICE_REALTIME_URL", "http://127.0.0.1:19200/");

    RuntimeConfig config = RuntimeConfig.load("batch-loader", file, env);

    var spec = config.stageConfig().getSpec();
    assertThat(spec.getObjectStore().getEndpoint()).isEqualTo("http://127.0.0.1:19000");
    assertThat(spec.getObjectStore().getRegion()).isEqualTo("eu-west-1");
    assertThat(spec.getLoaders().getRealtime().getUrl()).isEqualTo("http://127.0.0.1:19200/");
    assertThat(spec.getLoaders().getBatch().getBucket()).isEqualTo("flights-raw");
  }

  @Test
  void endpointVariablesLeaveAStageWithoutThatSectionAlone() throws IOException {
    RuntimeConfig config =
        RuntimeConfig.load(
            "enricher",
            write(VALID),
            Map.of(
                "SLUICE_OBJECTSTORE_ENDPOINT", "http://127.0.0.1:19000",
                "SLUICE_REALTIME_URL", "http://127.0.0.1:19200"));

    assertThat(config.stageConfig().getSpec().getObjectStore()).isNull();
    assertThat(config.stageConfig().getSpec().getLoaders()).isNull();
  }

  @Test
  void aMalformedEndpointVariableIsNamed() throws IOException {
    Path file =
        write(
            VALID
                + """
                  objectStore: {endpoint: "http://minio.minio:9000"}
                  loaders:
                    realtime: {url: "http://opensearch.search:9200", indexPrefix: flights}
                """);
    assertThatThrownBy(
            () ->
                RuntimeConfig.load(
                    "batch-loader", file, Map.of("SLUICE_OBJECTSTORE_ENDPOINT", "minio:9000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SLUICE_OBJECTSTORE_ENDPOINT='minio:9000' is not an http(s) URL");
    assertThatThrownBy(
            () ->
                RuntimeConfig.load(
                    "realtime-loader", file, Map.of("SLUICE_REALTIME_URL", "http://a b")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SLUICE_REALTIME_URL='http://a b'");
    String huge = "http://h/" + "x".repeat(5000);
    assertThatThrownBy(
            () -> RuntimeConfig.load("realtime-loader", file, Map.of("SLUICE_REALTIME_URL", huge)))
        .hasMessageContaining("SLUICE_REALTIME_URL='http://h/xxx")
        .hasMessageContaining("...' is not an http(s) URL");
  }

  @Test
  void theCollectorListensOnItsConfiguredPort() throws IOException {
    RuntimeConfig config = RuntimeConfig.load("collector", write(VALID), Map.of());
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
  }

  @Test
  void namesWhatIsWrong() throws IOException {
    Path valid = write(VALID);
    assertThatThrownBy(() -> RuntimeConfig.load(null, valid, Map.of()))
        .hasMessageContaining("SLUICE_STAGE");
    assertThatThrownBy(() -> RuntimeConfig.load("mixer", valid, Map.of()))
        .hasMessageContaining("unknown stage 'mixer'")
        .hasMessageContaining("collector");
    assertThatThrownBy(() -> RuntimeConfig.load("collector", null, Map.of()))
        .hasMessageContaining("--config");
    assertThatThrownBy(() -> RuntimeConfig.load("collector", dir.resolve("none.yaml"), Map.of()))
        .hasMessageContaining("does not exist");
    assertThatThrownBy(
            () -> RuntimeConfig.load("collector", valid, Map.of("SLUICE_HTTP_PORT", "http")))
        .hasMessageContaining("SLUICE_HTTP_PORT='http'");
  }

  @Test
  void rejectsMalformedFiles() throws IOException {
    assertThatThrownBy(() -> RuntimeConfig.readStageConfig(write("pipeline: [unclosed")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("is not valid");
    assertThatThrownBy(() -> RuntimeConfig.readStageConfig(write(VALID + "colour: red\n")))
        .hasMessageContaining("unknown field 'colour'");
    assertThatThrownBy(
            () -> RuntimeConfig.readStageConfig(write(VALID.replace("pipeline: flights\n", ""))))
        .hasMessageContaining("pipeline is required");
    assertThatThrownBy(
            () ->
                RuntimeConfig.readStageConfig(
                    write(VALID.replace("  kafka: {bootstrapServers: \"kafka:9092\"}\n", ""))))
        .hasMessageContaining("spec.kafka is required");
    assertThatThrownBy(() -> RuntimeConfig.readStageConfig(write("")))
        .hasMessageContaining("is empty");
    Path huge = dir.resolve("huge.yaml");
    Files.writeString(huge, "# " + "x".repeat((int) RuntimeConfig.MAX_CONFIG_BYTES));
    assertThatThrownBy(() -> RuntimeConfig.readStageConfig(huge))
        .hasMessageContaining("larger than");
  }
}
