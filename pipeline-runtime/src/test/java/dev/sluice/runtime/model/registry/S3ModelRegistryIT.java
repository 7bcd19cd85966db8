package dev.sluice.runtime.model.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.model.FlightInputs;
import dev.sluice.runtime.model.RunningStage;
import dev.sluice.runtime.objectstore.ObjectStore;
import dev.sluice.runtime.testing.LocalMinio;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The model registry in a real MinIO bucket, and a model server loading from it. */
class S3ModelRegistryIT {
  private static LocalMinio minio;

  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    minio = LocalMinio.inTempDir().start();
    ModelRegistry fixtures = ModelRegistry.inDirectory(RunningStage.fixtureRegistry());
    try (ObjectStore s3 = minio.store()) {
      s3.ensureBucket("models");
      ModelRegistry registry = new ModelRegistry(s3, "models");
      for (String version : new String[] {"1", "2"}) {
        ModelRegistry.LoadedModel m = fixtures.load("flight-delay", version);
        registry.publish(m.metadata(), m.onnx());
      }
      registry.setAlias("flight-delay", ModelRegistry.PRODUCTION, "2");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    minio.close();
  }

  @Test
  void resolvesTheAliasAndReadsTheVersion() throws Exception {
    try (ObjectStore s3 = minio.store()) {
      ModelRegistry registry = new ModelRegistry(s3, "models");
      assertThat(registry.resolve("flight-delay", "production")).isEqualTo("2");
      ModelRegistry.LoadedModel m = registry.load("flight-delay", "production");
      assertThat(m.metadata().version()).isEqualTo("2");
      assertThat(m.metadata().metrics().path("auc").asDouble()).isBetween(0.5, 1.0);
      assertThat(m.onnx().length).isGreaterThan(1000);
      assertThatThrownBy(() -> registry.load("flight-delay", "9"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("flight-delay/9/metadata.json");
      assertThatThrownBy(() -> s3.get("models", "flight-delay/2/model.onnx", 100))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("over 100");
      assertThat(s3.get("models", "flight-delay/3/model.onnx", 100)).isEmpty();
    }
  }

  @Test
  void aModelServerLoadsFromTheBucket() throws Exception {
    try (RunningStage server =
        RunningStage.start(
            "model-server",
            dir,
            """
            deployment: flight-delay
            server:
              model: flight-delay
              version: production
              registry:
                bucket: models
                endpoint: %s
            """
                .formatted(minio.endpoint()),
            Map.of(
                "SLUICE_OBJECTSTORE_ACCESS_KEY", LocalMinio.ACCESS_KEY,
                "SLUICE_OBJECTSTORE_SECRET_KEY", LocalMinio.SECRET_KEY))) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> server.get("/v2/health/ready").statusCode() == 200);
      var r =
          server.post(
              "/v2/models/flight-delay/infer", FlightInputs.request(FlightInputs.ATL_LAX_EVENING));
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"model_version\":\"2\"");
    }
  }
}
