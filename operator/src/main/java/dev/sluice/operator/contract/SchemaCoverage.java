package dev.sluice.operator.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Decides whether a reader JSON Schema accepts every instance a writer JSON Schema produces, for
 * the subset of JSON Schema 2020-12 described in docs/contracts.md. Pure and conservative: what it
 * cannot prove compatible it reports.
 *
 * <p>Convention: a writer sends only the properties its schema declares, plus any property when its
 * {@code additionalProperties} is explicitly {@code true} or a schema. So adding an optional
 * property is compatible in both directions unless the other side's object is closed.
 */
public final class SchemaCoverage {
  /** Keywords compared for equality only: when they differ, compatibility is unproven. */
  private static final List<String> UNANALYSED =
      List.of(
          "allOf",
          "anyOf",
          "oneOf",
          "not",
          "if",
          "then",
          "else",
          "$ref",
          "$dynamicRef",
          "$defs",
          "definitions",
          "prefixItems",
          "contains",
          "minContains",
          "maxContains",
          "patternProperties",
          "propertyNames",
          "dependentRequired",
          "dependentSchemas",
          "unevaluatedItems",
          "minProperties",
          "maxProperties");

  private static final JsonNode ANY = JsonNodeFactory.instance.booleanNode(true);

  /**
   * Lists where {@code reader} rejects instances {@code writer} allows.
   *
   * @param reader the schema that validates the data
   * @param writer the schema the data was produced against
   * @return the violations, in document order; empty when the reader accepts all the writer's data
   */
  public List<Violation> violations(JsonNode reader, JsonNode writer) {
    List<Violation> out = new ArrayList<>();
    covers(reader, writer, "(root)", out);
    return out;
  }

  private void covers(JsonNode reader, JsonNode writer, String path, List<Violation> out) {
    if (isTrue(reader) || writer.isBoolean() && !writer.booleanValue()) {
      return;
    }
    if (reader.isBoolean()) {
      out.add(new Violation(path, CompatibilityRule.SchemaRejectsAll, "false"));
      return;
    }
    JsonNode w = writer.isBoolean() ? JsonNodeFactory.instance.objectNode() : writer;
    for (String keyword : UNANALYSED) {
      if (!Objects.equals(reader.get(keyword), w.get(keyword))) {
        out.add(new Violation(path, CompatibilityRule.UnanalysedKeywordChanged, keyword));
      }
    }
    checkTypes(reader, w, path, out);
    checkEnum(reader, w, path, out);
    checkNumbers(reader, w, path, out);
    checkStrings(reader, w, path, out);
    checkArrays(reader, w, path, out);
    checkObjects(reader, w, path, out);
  }

  private static boolean isTrue(JsonNode schema) {
    return schema.isBoolean() && schema.booleanValue();
  }

  private void checkTypes(JsonNode reader, JsonNode writer, String path, List<Violation> out) {
    Set<String> readerTypes = types(reader);
    if (readerTypes == null) {
      return;
    }
    Set<String> writerTypes = types(writer);
    if (writerTypes == null) {
      out.add(new Violation(path, CompatibilityRule.TypeNarrowed, "any -> " + readerTypes));
      return;
    }
    for (String type : writerTypes) {
      boolean accepted =
          readerTypes.contains(type) || "integer".equals(type) && readerTypes.contains("number");
      if (!accepted) {
        out.add(
            new Violation(
                path, CompatibilityRule.TypeNarrowed, writerTypes + " -> " + readerTypes));
        return;
      }
    }
  }

  private static Set<String> types(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type == null) {
      return null;
    }
    Set<String> types = new LinkedHashSet<>();
    if (type.isArray()) {
      type.forEach(t -> types.add(t.asText()));
    } else {
      types.add(type.asText());
    }
    return types;
  }

  private void checkEnum(JsonNode reader, JsonNode writer, String path, List<Violation> out) {
    List<JsonNode> readerValues = enumValues(reader);
    if (readerValues == null) {
      return;
    }
    List<JsonNode> writerValues = enumValues(writer);
    if (writerValues == null) {
      out.add(new Violation(path, CompatibilityRule.EnumNarrowed, "any -> " + readerValues));
      return;
    }
    List<JsonNode> missing =
        writerValues.stream().filter(v -> readerValues.stream().noneMatch(v::equals)).toList();
    if (!missing.isEmpty()) {
      out.add(new Violation(path, CompatibilityRule.EnumNarrowed, "no longer accepts " + missing));
    }
  }

  private static List<JsonNode> enumValues(JsonNode schema) {
    if (schema.has("const")) {
      return List.of(schema.get("const"));
    }
    JsonNode values = schema.get("enum");
    if (values == null || !values.isArray()) {
      return null;
    }
    List<JsonNode> list = new ArrayList<>();
    values.forEach(list::add);
    return list;
  }

  private void checkNumbers(JsonNode reader, JsonNode writer, String path, List<Violation> out) {
    Bound readerLow = Bound.of(reader, "minimum", "exclusiveMinimum", true);
    Bound writerLow = Bound.of(writer, "minimum", "exclusiveMinimum", true);
    if (readerLow != null && !readerLow.allows(writerLow, true)) {
      out.add(
          new Violation(
              path,
              CompatibilityRule.RangeNarrowed,
              "lower bound " + Bound.describe(writerLow) + " -> " + readerLow));
    }
    Bound readerHigh = Bound.of(reader, "maximum", "exclusiveMaximum", false);
    Bound writerHigh = Bound.of(writer, "maximum", "exclusiveMaximum", false);
    if (readerHigh != null && !readerHigh.allows(writerHigh, false)) {
      out.add(
          new Violation(
              path,
              CompatibilityRule.RangeNarrowed,
              "upper bound " + Bound.describe(writerHigh) + " -> " + readerHigh));
    }
    JsonNode readerMultiple = reader.get("multipleOf");
    if (readerMultiple != null && readerMultiple.isNumber()) {
      JsonNode writerMultiple = writer.get("multipleOf");
      boolean divides =
          writerMultiple != null
              && writerMultiple.isNumber()
              && writerMultiple
                      .decimalValue()
                      .remainder(readerMultiple.decimalValue())
                      .compareTo(BigDecimal.ZERO)
                  == 0;
      if (!divides) {
        out.add(
            new Violation(
                path,
                CompatibilityRule.RangeNarrowed,
                "multipleOf " + writerMultiple + " -> " + readerMultiple));
      }
    }
  }

  private void checkStrings(JsonNode reader, JsonNode writer, String path, List<Violation> out) {
    checkLength(reader, writer, "minLength", "maxLength", path, out);
    for (String keyword : List.of("pattern", "format")) {
      JsonNode readerValue = reader.get(keyword);
      if (readerValue != null && !readerValue.equals(writer.get(keyword))) {
        CompatibilityRule rule =
            keyword.equals("pattern")
                ? CompatibilityRule.PatternChanged
                : CompatibilityRule.FormatChanged;
        out.add(new Violation(path, rule, writer.get(keyword) + " -> " + readerValue));
      }
    }
  }

  private void checkArrays(JsonNode reader, JsonNode writer, String path, List<Violation> out) {
    checkLength(reader, writer, "minItems", "maxItems", path, out);
    if (reader.path("uniqueItems").asBoolean(false) && !writer.path("uniqueItems").asBoolean()) {
      out.add(new Violation(path, CompatibilityRule.UniqueItemsAdded, "uniqueItems: true"));
    }
    JsonNode readerItems = reader.get("items");
    if (readerItems != null) {
      covers(readerItems, Objects.requireNonNullElse(writer.get("items"), ANY), path + "[]", out);
    }
  }

  private void checkLength(
      JsonNode reader,
      JsonNode writer,
      String minKeyword,
      String maxKeyword,
      String path,
      List<Violation> out) {
    long readerMin = reader.path(minKeyword).asLong(0);
    long writerMin = writer.path(minKeyword).asLong(0);
    if (readerMin > writerMin) {
      out.add(
          new Violation(
              path,
              CompatibilityRule.LengthNarrowed,
              minKeyword + " " + writerMin + " -> " + readerMin));
    }
    long readerMax = reader.path(maxKeyword).asLong(Long.MAX_VALUE);
    long writerMax = writer.path(maxKeyword).asLong(Long.MAX_VALUE);
    if (readerMax < writerMax) {
      out.add(
          new Violation(
              path,
              CompatibilityRule.LengthNarrowed,
              maxKeyword
                  + " "
                  + (writerMax == Long.MAX_VALUE ? "none" : writerMax)
                  + " -> "
                  + readerMax));
    }
  }

  private void checkObjects(JsonNode reader, JsonNode writer, String path, List<Violation> out) {
    JsonNode readerProps = reader.path("properties");
    JsonNode writerProps = writer.path("properties");
    Set<String> writerRequired = new LinkedHashSet<>();
    writer.path("required").forEach(r -> writerRequired.add(r.asText()));
    reader
        .path("required")
        .forEach(
            r -> {
              if (!writerRequired.contains(r.asText())) {
                out.add(
                    new Violation(
                        child(path, r.asText()),
                        CompatibilityRule.RequiredAdded,
                        "required by the reader only"));
              }
            });
    JsonNode readerExtra = extra(reader);
    JsonNode writerExtra = writerSendsExtra(writer);
    writerProps
        .properties()
        .forEach(
            e -> {
              String name = e.getKey();
              JsonNode readerProp = readerProps.get(name);
              if (readerProp != null) {
                covers(readerProp, e.getValue(), child(path, name), out);
              } else if (isClosed(readerExtra)) {
                out.add(
                    new Violation(
                        child(path, name),
                        CompatibilityRule.PropertyNotAllowed,
                        "additionalProperties: false"));
              } else {
                covers(readerExtra, e.getValue(), child(path, name), out);
              }
            });
    if (writerExtra == null) {
      return;
    }
    readerProps
        .properties()
        .forEach(
            e -> {
              if (!writerProps.has(e.getKey())) {
                covers(e.getValue(), writerExtra, child(path, e.getKey()), out);
              }
            });
    if (isClosed(readerExtra)) {
      out.add(
          new Violation(
              path,
              CompatibilityRule.AdditionalPropertiesRestricted,
              "additionalProperties: false"));
    } else {
      covers(readerExtra, writerExtra, path + ".*", out);
    }
  }

  /** What the reader accepts for undeclared properties: a schema, or {@code false}. */
  private static JsonNode extra(JsonNode reader) {
    if (reader.path("unevaluatedProperties").isBoolean()
        && !reader.path("unevaluatedProperties").booleanValue()) {
      return JsonNodeFactory.instance.booleanNode(false);
    }
    return Objects.requireNonNullElse(reader.get("additionalProperties"), ANY);
  }

  /** The schema of undeclared properties the writer may send, or null when it sends none. */
  private static JsonNode writerSendsExtra(JsonNode writer) {
    JsonNode extra = writer.get("additionalProperties");
    if (extra == null || extra.isBoolean() && !extra.booleanValue()) {
      return null;
    }
    return extra;
  }

  private static boolean isClosed(JsonNode extra) {
    return extra.isBoolean() && !extra.booleanValue();
  }

  private static String child(String path, String property) {
    return "(root)".equals(path) ? property : path + "." + property;
  }

  /** A numeric bound; {@code null} means unbounded. */
  private record Bound(BigDecimal value, boolean exclusive) {
    static Bound of(JsonNode schema, String inclusive, String exclusive, boolean lower) {
      JsonNode in = schema.get(inclusive);
      JsonNode ex = schema.get(exclusive);
      Bound a = in != null && in.isNumber() ? new Bound(in.decimalValue(), false) : null;
      Bound b = ex != null && ex.isNumber() ? new Bound(ex.decimalValue(), true) : null;
      if (a == null || b == null) {
        return a != null ? a : b;
      }
      int cmp = a.value.compareTo(b.value);
      if (cmp == 0) {
        return b;
      }
      return (cmp > 0) == lower ? a : b;
    }

    /** Whether this reader bound allows every value the writer bound allows. */
    boolean allows(Bound writer, boolean lower) {
      if (writer == null) {
        return false;
      }
      int cmp = writer.value.compareTo(value);
      if (cmp == 0) {
        return !exclusive || writer.exclusive;
      }
      return lower ? cmp > 0 : cmp < 0;
    }

    static String describe(Bound bound) {
      return bound == null ? "none" : bound.toString();
    }

    @Override
    public String toString() {
      return (exclusive ? "exclusive " : "") + value.toPlainString();
    }
  }
}
