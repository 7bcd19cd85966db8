package dev.sluice.runtime.loader.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;

/**
 * Derives search-index field mappings from a contract's JSON Schema (2020-12):
 *
 * <ul>
 *   <li>{@code string} → {@code keyword}; with {@code "x-sluice-index": "text"} → {@code text} with
 *       a {@code .keyword} sub-field; with {@code format} {@code date-time} or {@code date} →
 *       {@code date}
 *   <li>{@code integer} → {@code long}, {@code number} → {@code double}, {@code boolean} → {@code
 *       boolean}
 *   <li>{@code object} with {@code properties} → an object mapping of them; {@code array} → the
 *       mapping of its {@code items} (the index has no array type)
 *   <li>a type list such as {@code ["string", "null"]} → its one non-null type; anything else
 *       (several types, {@code oneOf}, {@code $ref}) is left to dynamic mapping
 * </ul>
 */
final class SchemaMappings {
  static final String INDEX_KEYWORD = "x-sluice-index";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * The mapping of a schema, or null when it has no single type to map.
   *
   * @throws IllegalArgumentException naming {@value #INDEX_KEYWORD} when its value is not {@code
   *     text} or {@code keyword}
   */
  static ObjectNode mapping(JsonNode schema) {
    String type = singleType(schema.path("type"));
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "string" -> stringMapping(schema);
      case "integer" -> typed("long");
      case "number" -> typed("double");
      case "boolean" -> typed("boolean");
      case "object" -> objectMapping(schema);
      case "array" -> schema.has("items") ? mapping(schema.get("items")) : null;
      default -> null;
    };
  }

  /** The {@code properties} mapping of an object schema (empty when it declares none). */
  static ObjectNode properties(JsonNode schema) {
    ObjectNode properties = NODES.objectNode();
    Iterator<java.util.Map.Entry<String, JsonNode>> fields = schema.path("properties").fields();
    while (fields.hasNext()) {
      var field = fields.next();
      ObjectNode m = mapping(field.getValue());
      if (m != null) {
        properties.set(field.getKey(), m);
      }
    }
    return properties;
  }

  static ObjectNode typed(String type) {
    return NODES.objectNode().put("type", type);
  }

  private static ObjectNode objectMapping(JsonNode schema) {
    ObjectNode properties = properties(schema);
    return properties.isEmpty() ? null : NODES.objectNode().set("properties", properties);
  }

  private static ObjectNode stringMapping(JsonNode schema) {
    String format = schema.path("format").asText("");
    if (format.equals("date-time") || format.equals("date")) {
      return typed("date");
    }
    String index = schema.path(INDEX_KEYWORD).asText("keyword");
    return switch (index) {
      case "keyword" -> typed("keyword").put("ignore_above", 8191);
      case "text" -> {
        ObjectNode text = typed("text");
        text.putObject("fields").set("keyword", typed("keyword").put("ignore_above", 8191));
        yield text;
      }
      default ->
          throw new IllegalArgumentException(
              INDEX_KEYWORD + " must be 'text' or 'keyword', not '" + index + "'");
    };
  }

  private static String singleType(JsonNode type) {
    if (type.isTextual()) {
      return type.asText();
    }
    if (type.isArray()) {
      String found = null;
      for (JsonNode t : type) {
        if (!t.asText().equals("null")) {
          if (found != null) {
            return null;
          }
          found = t.asText();
        }
      }
      return found;
    }
    return null;
  }

  private SchemaMappings() {}
}
