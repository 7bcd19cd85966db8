package dev.sluice.operator.pipeline;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.operator.pipeline.model.ContractSnapshot;
import dev.sluice.operator.pipeline.model.PipelineModel;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/** Test pipelines: the flights sample (namespace data) and its contract snapshot. */
public final class Pipelines {
  /** The runtime image the tests pass as the operator default. */
  public static final String IMAGE = "ghcr.io/sluice-dev/sluice-runtime:0.1.0";

  private Pipelines() {}

  /** The flights sample pipeline (Strimzi provisioner, every stage on), freshly parsed. */
  public static DataPipeline flights() {
    try (InputStream in = Pipelines.class.getResourceAsStream("/pipelines/flights.yaml")) {
      return Serialization.unmarshal(in, DataPipeline.class);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The snapshot of an accepted flight-departed contract at version 1. */
  public static ContractSnapshot flightDeparted(int version, String... fingerprints) {
    return new ContractSnapshot("flight-departed", version, List.of(fingerprints));
  }

  /** The flights pipeline's model with flight-departed accepted at version 1. */
  public static PipelineModel model(DataPipeline pipeline) {
    return new PipelineModel(pipeline, Map.of("flight-departed", flightDeparted(1, "aaaa")), IMAGE);
  }
}
