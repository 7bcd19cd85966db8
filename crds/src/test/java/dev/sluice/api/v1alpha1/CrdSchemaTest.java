package dev.sluice.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad specs are rejected by the generated schema with a message that names the field. */
class CrdSchemaTest {

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        bad("flights/contract.yaml", "version", s -> spec(s).put("version", 0)),
        bad("flights/contract.yaml", "eventType", s -> spec(s).remove("eventType")),
        bad("flights/contract.yaml", "compatibility", s -> spec(s).put("compatibility", "LOOSE")),
        bad("flights/contract.yaml", "freshness", s -> at(s, "/spec/sla").put("freshness", "soon")),
        bad(
            "flights/contract.yaml",
            "maxNullRatio",
            s -> ((ObjectNode) s.at("/spec/sla/completeness/0")).put("maxNullRatio", 1.5)),
        bad("flights/pipeline.yaml", "colector", s -> spec(s).putObject("colector")),
        bad("flights/pipeline.yaml", "contracts", s -> spec(s).putArray("contracts")),
        bad(
            "flights/pipeline.yaml",
            "bucket",
            s -> at(s, "/spec/loaders/batch").put("bucket", "Raw_Events")),
        bad(
            "flights/pipeline.yaml",
            "partitions",
            s -> at(s, "/spec/kafka/topics").put("partitions", 0)),
        bad(
            "flights/pipeline.yaml",
            "retention",
            s -> at(s, "/spec/kafka/topics").put("retention", "1 week")),
        bad(
            "flights/pipeline.yaml",
            "provisioner",
            s -> at(s, "/spec/kafka").put("provisioner", "Zookeeper")),
        bad(
            "flights/pipeline.yaml",
            "format",
            s -> at(s, "/spec/loaders/batch").put("format", "csv")),
        bad(
            "flights/pipeline.yaml",
            "onError",
            s -> ((ObjectNode) s.at("/spec/enricher/enrichments/0")).put("onError", "ignore")),
        bad(
            "flights/pipeline.yaml",
            "httpPort",
            s -> at(s, "/spec/collector").put("httpPort", 70000)),
        bad(
            "flights/pipeline.yaml",
            "bootstrapServers",
            s -> at(s, "/spec/kafka").remove("bootstrapServers")),
        bad(
            "models/canary.yaml",
            "weight",
            s -> ((ObjectNode) s.at("/spec/release/canary/steps/0")).put("weight", 150)),
        bad("models/canary.yaml", "strategy", s -> at(s, "/spec/release").put("strategy", "Blue")),
        bad(
            "models/canary.yaml",
            "uri",
            s -> at(s, "/spec/model").put("uri", "http://models/x.onnx")),
        bad(
            "models/shadow.yaml",
            "mirrorPercent",
            s -> at(s, "/spec/release/shadow").put("mirrorPercent", 0)),
        bad("models/shadow.yaml", "mode", s -> spec(s).put("mode", "Realtime")));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("badSpecs")
  void rejectsWithAMessageNamingTheField(String sample, String field, Consumer<JsonNode> breakIt)
      throws IOException {
    JsonNode resource = CrdSchema.YAML.readTree(Path.of("..", "samples", sample).toFile());
    breakIt.accept(resource);
    String plural = resource.path("kind").asText().toLowerCase() + "s";

    List<String> violations = CrdSchema.of(plural).validate(resource);

    assertThat(violations).isNotEmpty().anySatisfy(v -> assertThat(v).contains(field));
  }

  private static Arguments bad(String sample, String field, Consumer<JsonNode> breakIt) {
    return Arguments.of(sample, field, breakIt);
  }

  private static ObjectNode spec(JsonNode resource) {
    return (ObjectNode) resource.get("spec");
  }

  private static ObjectNode at(JsonNode resource, String pointer) {
    return (ObjectNode) resource.at(pointer);
  }
}
