package dev.sluice.runtime.enricher.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.ContractSchemaVersion;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractValidatorTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void compilesEveryVersionAndRefusesASchemaThatDoesNotCompile() throws Exception {
    ContractBundle bundle = new ContractBundle();
    bundle.setName("c");
    bundle.setEventType("t");
    bundle.setAcceptedVersion(1);
    bundle.setVersions(
        List.of(
            new ContractSchemaVersion(1, "f", JSON.readTree("{\"type\":\"object\"}")),
            new ContractSchemaVersion(
                2,
                "f",
                JSON.readTree(
                    "{\"type\":\"object\",\"properties\":{\"a\":{\"pattern\":\"([\"}}}"))));

    assertThatThrownBy(() -> CompiledContract.compile(bundle))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("versions[version=2].schema does not compile");
  }

  @Test
  void pointsAtTheFailingFieldUnderData() throws Exception {
    ContractBundle bundle = new ContractBundle();
    bundle.setName("c");
    bundle.setEventType("t");
    bundle.setAcceptedVersion(1);
    bundle.setVersions(
        List.of(
            new ContractSchemaVersion(
                1,
                "f",
                JSON.readTree(
                    """
                    {"type":"object","required":["a/b"],"additionalProperties":false,
                     "properties":{"a/b":{"type":"integer"},
                       "list":{"type":"array","items":{"type":"integer"}}}}
                    """))));
    var schema = CompiledContract.compile(bundle).schema(1).orElseThrow();

    assertThat(ContractValidator.pointer(schema.validate(JSON.readTree("{}")).getFirst()))
        .isEqualTo("/data/a~1b");
    assertThat(
            ContractValidator.pointer(
                schema.validate(JSON.readTree("{\"a/b\":1,\"list\":[1,\"x\"]}")).getFirst()))
        .isEqualTo("/data/list/1");
    assertThat(
            ContractValidator.pointer(
                schema.validate(JSON.readTree("{\"a/b\":1,\"extra\":1}")).getFirst()))
        .isEqualTo("/data/extra");
  }
}
