package dev.sluice.runtime.loader.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.ContractSchemaVersion;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two composable index templates of a pipeline, put before the first document:
 *
 * <ul>
 *   <li>{@code <prefix>-events} for {@code <prefix>-*} (priority 100): the CloudEvents attributes
 *       ({@code time} and {@code sluicereceivedat} as {@code date}, the others {@code keyword}) and
 *       {@code data} mapped from the accepted schema of every contract ({@link SchemaMappings},
 *       plus {@link GeoPairs} as {@code geo_point}). A field two contracts map differently keeps
 *       the first contract's mapping (by name) and a warning is logged.
 *   <li>{@code <prefix>-dead-letters} for {@code <prefix>-dlq-*} (priority 200, so it wins): the
 *       attributes, {@code error.*} as {@code keyword} ({@code error.message} as {@code text},
 *       {@code error.time} as {@code date}) and {@code payload} as {@code text}.
 * </ul>
 */
final class IndexTemplates {
  private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> KEYWORD_ATTRIBUTES =
      List.of(
          "id",
          "source",
          "specversion",
          "type",
          "subject",
          "datacontenttype",
          "dataschema",
          "partitionkey",
          "sluicecollector",
          "sluicepipeline");

  private final IndexNames names;
  private final List<ContractBundle> contracts;

  IndexTemplates(IndexNames names, List<ContractBundle> contracts) {
    this.names = names;
    this.contracts = contracts;
  }

  /** Template names to bodies. */
  Map<String, ObjectNode> templates() {
    return Map.of(
        names.prefix() + "-events", eventsTemplate(),
        names.prefix() + "-dead-letters", deadLettersTemplate());
  }

  /** Geo pairs declared per event type, for the document mapper. */
  Map<String, GeoPairs> geoPairs() {
    Map<String, GeoPairs> geo = new HashMap<>();
    for (ContractBundle c : contracts) {
      geo.put(c.getEventType(), GeoPairs.of(acceptedSchema(c)));
    }
    return geo;
  }

  ObjectNode eventsTemplate() {
    ObjectNode properties = attributes();
    ObjectNode data = NODES.objectNode();
    for (ContractBundle c : contracts) {
      JsonNode schema = acceptedSchema(c);
      ObjectNode fields = SchemaMappings.properties(schema);
      GeoPairs.of(schema)
          .points()
          .keySet()
          .forEach(f -> fields.set(f, SchemaMappings.typed("geo_point")));
      fields
          .properties()
          .forEach(
              f -> {
                JsonNode existing = data.get(f.getKey());
                if (existing == null) {
                  data.set(f.getKey(), f.getValue());
                } else if (!existing.equals(f.getValue())) {
                  LOG.warn(
                      "data.{} is mapped as {} by an earlier contract; contract {} maps it as {}",
                      f.getKey(),
                      existing,
                      c.getName(),
                      f.getValue());
                }
              });
    }
    if (!data.isEmpty()) {
      properties.putObject("data").set("properties", data);
    }
    return template(names.eventsPattern(), 100, properties);
  }

  ObjectNode deadLettersTemplate() {
    ObjectNode properties = attributes();
    ObjectNode error = properties.putObject("error").putObject("properties");
    for (String f :
        List.of(
            "stage",
            "class",
            "field",
            "contract",
            "contractVersion",
            "sourceTopic",
            "sourcePartition",
            "sourceOffset")) {
      error.set(f, SchemaMappings.typed("keyword"));
    }
    error.set("message", SchemaMappings.typed("text"));
    error.set("time", SchemaMappings.typed("date"));
    properties.set("payload", SchemaMappings.typed("text"));
    return template(names.deadLettersPattern(), 200, properties);
  }

  private static ObjectNode attributes() {
    ObjectNode properties = NODES.objectNode();
    KEYWORD_ATTRIBUTES.forEach(a -> properties.set(a, SchemaMappings.typed("keyword")));
    properties.set("time", SchemaMappings.typed("date"));
    properties.set("sluicereceivedat", SchemaMappings.typed("date"));
    return properties;
  }

  private static ObjectNode template(String pattern, int priority, ObjectNode properties) {
    ObjectNode t = NODES.objectNode();
    t.putArray("index_patterns").add(pattern);
    t.put("priority", priority);
    t.putObject("_meta").put("managed_by", "sluice");
    t.putObject("template").putObject("mappings").set("properties", properties);
    return t;
  }

  static JsonNode acceptedSchema(ContractBundle c) {
    for (ContractSchemaVersion v : c.getVersions()) {
      if (v.getVersion() == c.getAcceptedVersion() && v.getSchema() != null) {
        return v.getSchema();
      }
    }
    return NODES.objectNode();
  }
}
