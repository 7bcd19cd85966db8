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
