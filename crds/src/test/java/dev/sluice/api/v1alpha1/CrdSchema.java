package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.OpenApi30;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The openAPIV3Schema of a generated CRD as a validator, with the API server's pruning made strict:
 * an object with declared properties accepts no other field (unless it preserves unknown fields).
 * CEL rules ({@code x-kubernetes-validations}) are not evaluated here; the e2e suite checks them on
 * a real API server.
 */
final class CrdSchema {
  static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(OpenApi30.getInstance());

  private final Schema schema;

  private CrdSchema(JsonNode openApiV3Schema) {
    JsonNode strict = openApiV3Schema.deepCopy();
    // apiVersion, kind and metadata are implicit at the root, so only nested objects are closed.
    strict.path("properties").forEach(CrdSchema::closeObjects);
    this.schema = REGISTRY.getSchema(strict);
  }

  /**
   * @param kindPlural e.g. {@code datapipelines}
   */
  static CrdSchema of(String kindPlural) {
    try {
      JsonNode crd = YAML.readTree(GeneratedCrds.generated(kindPlural));
      return new CrdSchema(crd.at("/spec/versions/0/schema/openAPIV3Schema"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * @return one line per violation: instance location and message
   */
  List<String> validate(JsonNode resource) {
    return schema.validate(resource).stream().map(Error::toString).toList();
  }

  private static JsonNode closeObjects(JsonNode node) {
    if (node instanceof ObjectNode object) {
      if (object.has("properties")
          && !object.has("additionalProperties")
          && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
        object.put("additionalProperties", false);
      }
      object.properties().forEach(e -> closeObjects(e.getValue()));
    } else if (node.isArray()) {
      node.forEach(CrdSchema::closeObjects);
    }
    return node;
  }
}
