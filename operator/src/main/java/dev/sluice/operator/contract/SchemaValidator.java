package dev.sluice.operator.contract;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Optional;

/**
 * Reads a contract's {@code jsonSchema} (an embedded object or a string holding JSON) and checks it
 * is a valid JSON Schema 2020-12 document, by validating it against the 2020-12 meta-schema
 * (bundled with the validator: no network access; external {@code $ref}s are not fetched).
 */
public final class SchemaValidator {
  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SchemaRegistry registry =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private final Schema metaSchema = registry.getSchema(SchemaLocation.of(META_SCHEMA));

  /** The outcome: the parsed schema, or a message naming the problem. */
  public record Result(JsonNode schema, String problem) {
    /** Whether the schema is valid. */
    public boolean valid() {
      return problem == null;
    }
  }

  /**
   * Parses and validates a schema.
   *
   * @param jsonSchema the spec's {@code schema.jsonSchema}: an object, a boolean, or a string of
   *     JSON
   * @return the schema as a JSON value, or a problem such as {@code spec.schema.jsonSchema at
   *     /properties/a/type: does not have a value in the enumeration [...]}
   */
  public Result validate(JsonNode jsonSchema) {
    if (jsonSchema == null || jsonSchema.isNull() || jsonSchema.isMissingNode()) {
      return new Result(null, "spec.schema.jsonSchema is missing");
    }
    JsonNode schema = jsonSchema;
    if (jsonSchema.isTextual()) {
      try {
        schema = MAPPER.readTree(jsonSchema.asText());
      } catch (JsonProcessingException e) {
        return new Result(
            null, "spec.schema.jsonSchema is not valid JSON: " + e.getOriginalMessage());
      }
    }
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      return new Result(null, "spec.schema.jsonSchema must be a JSON object (a JSON Schema)");
    }
    Optional<String> dialect = Optional.ofNullable(schema.get("$schema")).map(JsonNode::asText);
    if (dialect.isPresent() && !dialect.get().startsWith(META_SCHEMA)) {
      return new Result(
          null,
          "spec.schema.jsonSchema declares $schema "
              + dialect.get()
              + "; Sluice accepts JSON Schema 2020-12 ("
              + META_SCHEMA
              + ")");
    }
    List<Error> errors = metaSchema.validate(schema);
    if (!errors.isEmpty()) {
      Error first = errors.get(0);
      return new Result(
          null,
          "spec.schema.jsonSchema is not a valid JSON Schema 2020-12 document: at "
              + (first.getInstanceLocation().toString().isEmpty()
                  ? "/"
                  : first.getInstanceLocation())
              + ": "
              + first.getMessage()
              + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    }
    return new Result(schema, null);
  }
}
