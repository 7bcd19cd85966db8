package dev.sluice.runtime.model.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.runtime.model.registry.ModelRegistry;
import dev.sluice.runtime.model.server.OnnxModel;
import dev.sluice.runtime.model.server.Tensor;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains both versions on a slice of the real flights data (fetched by
 * samples/flights/fetch-data.sh), stores them in a registry directory and serves one back through
 * ONNX Runtime. The trainer itself checks ONNX/Tribuo parity and fails otherwise.
 */
class TrainFlightDelayIT {
  @TempDir Path dir;

  @Test
  void trainsEvaluatesExportsAndStoresBothVersions() throws Exception {
    Path data = Path.of("").toAbsolutePath().getParent().resolve("samples/flights/data");
    List<ObjectNode> train =
        FlightRows.read(
            data.resolve("flights-3m.parquet"),
            data.resolve("airports.csv"),
            TrainFlightDelay.TRAIN_FROM,
            TrainFlightDelay.TRAIN_TO,
            30_000);
    List<ObjectNode> test =
        FlightRows.read(
            data.resolve("flights-3m.parquet"),
            data.resolve("airports.csv"),
            TrainFlightDelay.TEST_FROM,
            TrainFlightDelay.TEST_TO,
            10_000);
    assertThat(train).hasSize(30_000);
    assertThat(test).allSatisfy(r -> assertThat(r.get("date").asText()).startsWith("2001-0"));

    ModelRegistry registry = ModelRegistry.inDirectory(dir);
    var v1 =
        FlightDelayTrainer.logistic("1", TrainFlightDelay.INPUT, TrainFlightDelay.V1)
            .train(train, test, "test slice");
    var v2 =
        FlightDelayTrainer.factorizationMachine("2", TrainFlightDelay.INPUT, TrainFlightDelay.V2)
            .train(train, test, "test slice");
    registry.publish(v1.metadata(), v1.onnx());
    registry.publish(v2.metadata(), v2.onnx());
    registry.setAlias(TrainFlightDelay.MODEL, ModelRegistry.PRODUCTION, "1");

    // Better than chance on later, held-out flights.
    assertThat(v1.metadata().metrics().path("auc").asDouble()).isGreaterThan(0.58);
    assertThat(v2.metadata().metrics().path("auc").asDouble()).isGreaterThan(0.55);
    assertThat(v1.metadata().metrics().path("onnxMaxAbsDifference").asDouble()).isLessThan(1e-4);

    var loaded = registry.load(TrainFlightDelay.MODEL, "production");
    try (OnnxModel model = new OnnxModel(loaded.onnx(), loaded.metadata())) {
      assertThat(model.inputs().get("features").shape()).containsExactly(-1, 7);
      float[] row = {18.5f, 5, 1946, 33.64f, -84.43f, 33.94f, -118.41f};
      Tensor out =
          model.run(List.of(new Tensor("features", "FP32", new long[] {1, 7}, row))).getFirst();
      assertThat(out.valueAt(0) + out.valueAt(1)).isBetween(0.9999, 1.0001);
    }
  }
}
