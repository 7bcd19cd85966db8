package dev.sluice.runtime.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
  @TempDir Path dir;

  private static ModelMetadata metadata(String version) {
    return new ModelMetadata(
        "m",
        version,
        null,
        null,
        null,
        List.of(new ModelMetadata.Tensor("x", "FP32", List.of(-1L, 1L), null, null)),
        List.of(new ModelMetadata.Tensor("y", "FP32", List.of(-1L, 1L), null, null)),
        null,
        null);
  }

  @Test
  void storesVersionsInTheDocumentedLayoutAndResolvesAliases() throws Exception {
    ModelRegistry registry = ModelRegistry.inDirectory(dir);
    registry.publish(metadata("1"), new byte[] {1});
    registry.publish(metadata("2"), new byte[] {2});
    registry.setAlias("m", ModelRegistry.PRODUCTION, "2");
    assertThat(dir.resolve("m/1/model.onnx")).exists();
    assertThat(dir.resolve("m/2/metadata.json")).content().contains("\"version\" : \"2\"");
    assertThat(dir.resolve("m/aliases/production.json")).content().contains("\"version\" : \"2\"");
    assertThat(registry.load("m", "production").onnx()).containsExactly(2);
    assertThat(registry.load("m", "1").metadata().version()).isEqualTo("1");
  }

  @Test
  void namesTheMissingOrInvalidObject() throws Exception {
    ModelRegistry registry = ModelRegistry.inDirectory(dir);
    assertThatThrownBy(() -> registry.load("m", "3"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no object m/3/metadata.json in dir ");
    Files.createDirectories(dir.resolve("m/4"));
    Files.writeString(dir.resolve("m/4/metadata.json"), "{\"name\":\"m\"}");
    assertThatThrownBy(() -> registry.load("m", "4"))
        .hasMessageContaining("m/4/metadata.json in dir")
        .hasMessageContaining("not valid");
    Files.createDirectories(dir.resolve("m/aliases"));
    Files.writeString(dir.resolve("m/aliases/production.json"), "{\"version\":\"../x\"}");
    assertThatThrownBy(() -> registry.load("m", "production"))
        .hasMessageContaining("names no valid version");
    assertThatThrownBy(() -> registry.load("../etc", "1")).hasMessageContaining("model '../etc'");
  }
}
