package dev.sluice.operator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.api.stage.ContractSchemas;
import dev.sluice.api.v1alpha1.Compatibility;
import dev.sluice.api.v1alpha1.ContractSchema;
import dev.sluice.api.v1alpha1.DataContractSpec;
import dev.sluice.operator.status.Reason;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ContractEvaluatorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-01-02T10:00:00Z");
  private static final String V1 =
      "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"}},\"required\":[\"id\"]}";
  private static final String V2 =
      "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
          + "\"note\":{\"type\":\"string\"}},\"required\":[\"id\"]}";
  private static final String V2_BREAKING =
      "{\"type\":\"object\",\"properties\":{\"id\":{\"type\":\"string\"},"
          + "\"note\":{\"type\":\"string\"}},\"required\":[\"id\",\"note\"]}";

  private final ContractEvaluator evaluator = new ContractEvaluator();

  @Test
  void acceptsTheFirstVersionWithFingerprintAndTime() throws Exception {
    ContractEvaluation result = evaluator.evaluate("c", spec(1, V1), Optional.empty(), T1);
    assertThat(result.reason()).isEqualTo(Reason.Accepted);
    ContractStore store = result.store().orElseThrow();
    assertThat(store.bundle().getAcceptedVersion()).isEqualTo(1);
    assertThat(store.bundle().getEventType()).isEqualTo("thing.happened");
    assertThat(store.latest().getFingerprint())
        .isEqualTo(ContractSchemas.fingerprint(MAPPER.readTree(V1)))
        .hasSize(64);
    assertThat(store.history())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getAcceptedAt()).isEqualTo("2026-01-01T10:00:00Z");
              assertThat(v.getCompatibility()).isEqualTo(Compatibility.BACKWARD);
            });
  }

  @Test
  void acceptsASchemaGivenAsAString() {
    DataContractSpec spec = spec(1, V1);
    spec.getSchema().setJsonSchema(new TextNode(V1));
    ContractEvaluation result = evaluator.evaluate("c", spec, Optional.empty(), T1);
    assertThat(result.accepted()).isTrue();
    assertThat(result.store().orElseThrow().latest().getSchema().isObject()).isTrue();
  }

  @Test
  void appendsACompatibleVersion() {
    ContractStore v1 = evaluator.evaluate("c", spec(1, V1), Optional.empty(), T1).store().get();
    ContractEvaluation result = evaluator.evaluate("c", spec(2, V2), Optional.of(v1), T2);
    assertThat(result.accepted()).isTrue();
    assertThat(result.store().get().bundle().getVersions())
        .extracting(v -> v.getVersion())
        .containsExactly(1, 2);
    assertThat(result.store().get().history())
        .extracting(v -> v.getAcceptedAt())
        .containsExactly("2026-01-01T10:00:00Z", "2026-01-02T10:00:00Z");
  }

  @Test
  void sameVersionSameSchemaIsANoOp() {
    ContractStore v1 = evaluator.evaluate("c", spec(1, V1), Optional.empty(), T1).store().get();
    ContractEvaluation result = evaluator.evaluate("c", spec(1, V1), Optional.of(v1), T2);
    assertThat(result.accepted()).isTrue();
    assertThat(result.store()).containsSame(v1);
  }

  @Test
  void refusesABreakingChangeAndKeepsServingTheLastVersion() {
    ContractStore v1 = evaluator.evaluate("c", spec(1, V1), Optional.empty(), T1).store().get();
    ContractEvaluation result = evaluator.evaluate("c", spec(2, V2_BREAKING), Optional.of(v1), T2);
    assertThat(result.reason()).isEqualTo(Reason.IncompatibleSchema);
    assertThat(result.message())
        .contains("note")
        .contains("RequiredAdded")
        .contains("version 1 stays served");
    assertThat(result.store()).containsSame(v1);
  }

  @Test
  void breakingChangeUnderNoneIsAccepted() {
    ContractStore v1 = evaluator.evaluate("c", spec(1, V1), Optional.empty(), T1).store().get();
    DataContractSpec spec = spec(2, V2_BREAKING);
    spec.setCompatibility(Compatibility.NONE);
    assertThat(evaluator.evaluate("c", spec, Optional.of(v1), T2).accepted()).isTrue();
  }

  @Test
  void refusesAVersionThatGoesDown() {
    ContractStore v1 = evaluator.evaluate("c", spec(1, V1), Optional.empty(), T1).store().get();
    ContractStore v2 = evaluator.evaluate("c", spec(2, V2), Optional.of(v1), T1).store().get();
    ContractEvaluation result = evaluator.evaluate("c", spec(1, V1), Optional.of(v2), T2);
    assertThat(result.reason()).isEqualTo(Reason.IncompatibleSchema);
    assertThat(result.message()).contains("lower than the accepted version 2");
  }

  @Test
  void refusesAReusedVersionWithADifferentSchema() {
    ContractStore v1 = evaluator.evaluate("c", spec(1, V1), Optional.empty(), T1).store().get();
    ContractEvaluation result = evaluator.evaluate("c", spec(1, V2), Optional.of(v1), T2);
    assertThat(result.reason()).isEqualTo(Reason.IncompatibleSchema);
    assertThat(result.message()).contains("already accepted with a different schema");
  }

  @Test
  void refusesAnEventTypeChange() {
    ContractStore v1 = evaluator.evaluate("c", spec(1, V1), Optional.empty(), T1).store().get();
    DataContractSpec spec = spec(2, V2);
    spec.setEventType("other.type");
    assertThat(evaluator.evaluate("c", spec, Optional.of(v1), T2).reason())
        .isEqualTo(Reason.IncompatibleSchema);
  }

  @Test
  void invalidSchemaNamesTheProblem() {
    ContractEvaluation result =
        evaluator.evaluate("c", spec(1, "{\"type\":\"strin\"}"), Optional.empty(), T1);
    assertThat(result.reason()).isEqualTo(Reason.InvalidSchema);
    assertThat(result.message()).contains("/type");
    assertThat(result.store()).isEmpty();
  }

  @Test
  void unparseableStringSchemaIsInvalid() {
    DataContractSpec spec = spec(1, V1);
    spec.getSchema().setJsonSchema(new TextNode("{not json"));
    ContractEvaluation result = evaluator.evaluate("c", spec, Optional.empty(), T1);
    assertThat(result.reason()).isEqualTo(Reason.InvalidSchema);
    assertThat(result.message()).contains("not valid JSON");
  }

  @Test
  void otherDialectsAreInvalid() {
    ContractEvaluation result =
        evaluator.evaluate(
            "c",
            spec(
                1, "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"type\":\"object\"}"),
            Optional.empty(),
            T1);
    assertThat(result.reason()).isEqualTo(Reason.InvalidSchema);
    assertThat(result.message()).contains("2020-12");
  }

  @Test
  void storeRoundTripsThroughConfigMapData() {
    ContractStore v1 = evaluator.evaluate("c", spec(1, V1), Optional.empty(), T1).store().get();
    ContractStore read = ContractStore.fromData(v1.toData()).orElseThrow();
    assertThat(read.latest().getSchema()).isEqualTo(v1.latest().getSchema());
    assertThat(read.history()).hasSize(1);
  }

  static DataContractSpec spec(int version, String schema) {
    DataContractSpec spec = new DataContractSpec();
    spec.setEventType("thing.happened");
    spec.setVersion(version);
    ContractSchema contractSchema = new ContractSchema();
    contractSchema.setJsonSchema(json(schema));
    spec.setSchema(contractSchema);
    return spec;
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }
}
