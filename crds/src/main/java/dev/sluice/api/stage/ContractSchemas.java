package dev.sluice.api.stage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.v1alpha1.DataContract;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** Turns a DataContract's schema into the form the runtime validates with, and fingerprints it. */
public final class ContractSchemas {
  /** Largest accepted schema document, in bytes of canonical JSON. */
  public static final int MAX_SCHEMA_BYTES = 512 * 1024;

  private static final ObjectMapper CANONICAL =
      JsonMapper.builder()
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .nodeFactory(
              com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true))
          .build();

  /**
   * The schema of {@code spec.schema.jsonSchema} as a JSON object, whether it was embedded as an
   * object or given as a string holding JSON.
   *
   * @throws IllegalArgumentException naming {@code spec.schema.jsonSchema} when it is missing, not
   *     JSON, not an object, or larger than {@link #MAX_SCHEMA_BYTES}
   */
  public static ObjectNode normalize(JsonNode jsonSchema) {
    JsonNode node = jsonSchema;
    if (node != null && node.isTextual()) {
      if (node.asText().length() > MAX_SCHEMA_BYTES) {
        throw new IllegalArgumentException(
            "spec.schema.jsonSchema is larger than " + MAX_SCHEMA_BYTES + " bytes");
      }
      try {
        node = CANONICAL.readTree(node.asText());
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "spec.schema.jsonSchema is a string but not JSON: " + e.getOriginalMessage());
      }
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("spec.schema.jsonSchema must be a JSON Schema object");
    }
    if (canonicalBytes(node).length > MAX_SCHEMA_BYTES) {
      throw new IllegalArgumentException(
          "spec.schema.jsonSchema is larger than " + MAX_SCHEMA_BYTES + " bytes");
    }
    return (ObjectNode) node;
  }

  /**
   * The fingerprint of a schema: sha256 of its canonical JSON (keys sorted at every level, no
   * whitespace), hex-encoded (64 characters). Equal schemas written differently have equal
   * fingerprints.
   */
  public static String fingerprint(JsonNode schema) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(canonicalBytes(schema)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /**
   * A bundle holding only the contract's current spec as its one accepted version (what {@code
   * sluice dev} serves; the operator keeps every accepted version instead).
   *
   * @throws IllegalArgumentException when the schema is not usable (see {@link #normalize})
   */
  public static ContractBundle singleVersionBundle(DataContract contract) {
    ObjectNode schema = normalize(contract.getSpec().getSchema().getJsonSchema());
    ContractBundle bundle = new ContractBundle();
    bundle.setName(contract.getMetadata().getName());
    bundle.setEventType(contract.getSpec().getEventType());
    bundle.setAcceptedVersion(contract.getSpec().getVersion());
    bundle.setSla(contract.getSpec().getSla());
    bundle.setVersions(
        List.of(
            new ContractSchemaVersion(
                contract.getSpec().getVersion(), fingerprint(schema), schema)));
    return bundle;
  }

  private static byte[] canonicalBytes(JsonNode node) {
    try {
      Object tree = CANONICAL.treeToValue(node, Object.class);
      return CANONICAL.writeValueAsString(tree).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("schema cannot be serialised: " + e.getOriginalMessage());
    }
  }

  private ContractSchemas() {}
}
