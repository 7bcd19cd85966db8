package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.crd.generator.annotation.PreserveUnknownFields;
import io.fabric8.generator.annotation.Required;

/** The schema of an event's {@code data}. */
public class ContractSchema {
  @Required
  @PreserveUnknownFields
  @JsonPropertyDescription(
      "JSON Schema (draft 2020-12) of the event's data, either as an embedded object or as a"
          + " string holding the JSON document.")
  private JsonNode jsonSchema;

  public JsonNode getJsonSchema() {
    return jsonSchema;
  }

  public void setJsonSchema(JsonNode jsonSchema) {
    this.jsonSchema = jsonSchema;
  }
}
