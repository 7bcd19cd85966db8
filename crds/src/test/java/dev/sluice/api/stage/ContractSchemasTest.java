package dev.sluice.api.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Test;

class ContractSchemasTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void fingerprintIgnoresKeyOrderAndWhitespace() throws Exception {
    JsonNode a =
        json.readTree("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"integer\"}}}");
    JsonNode b =
        json.readTree(
            "{ \"properties\": { \"a\": { \"type\": \"integer\" } }, \"type\": \"object\" }");
    JsonNode c =
        json.readTree("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"number\"}}}");

    assertThat(ContractSchemas.fingerprint(a))
        .hasSize(64)
        .isEqualTo(ContractSchemas.fingerprint(b))
        .isNotEqualTo(ContractSchemas.fingerprint(c));
  }

  @Test
  void acceptsASchemaGivenAsAString() {
    assertThat(
            ContractSchemas.normalize(new TextNode("{\"type\":\"object\"}")).get("type").asText())
        .isEqualTo("object");
  }

  @Test
  void namesTheFieldWhenTheSchemaIsUnusable() {
    assertThatThrownBy(() -> ContractSchemas.normalize(new TextNode("{\"type\":")))
        .hasMessageContaining("spec.schema.jsonSchema is a string but not JSON");
    assertThatThrownBy(() -> ContractSchemas.normalize(new TextNode("42")))
        .hasMessageContaining("spec.schema.jsonSchema must be a JSON Schema object");
    assertThatThrownBy(() -> ContractSchemas.normalize(null))
        .hasMessageContaining("spec.schema.jsonSchema");
    String huge = "{\"description\":\"" + "x".repeat(ContractSchemas.MAX_SCHEMA_BYTES) + "\"}";
    assertThatThrownBy(() -> ContractSchemas.normalize(new TextNode(huge)))
        .hasMessageContaining("larger than");
  }
}
