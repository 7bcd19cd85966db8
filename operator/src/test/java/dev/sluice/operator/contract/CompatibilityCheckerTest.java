package dev.sluice.operator.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractSchemaVersion;
import dev.sluice.api.stage.ContractSchemas;
import dev.sluice.api.v1alpha1.Compatibility;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The compatibility table of docs/contracts.md: schema pairs per mode and the expected verdict. */
class CompatibilityCheckerTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String OK = "compatible";

  private static final String BASE =
      """
      {"type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer"}},
       "required":["id"]}""";
  private static final String CLOSED_BASE =
      """
      {"type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer"}},
       "required":["id"],"additionalProperties":false}""";

  record Row(String name, Compatibility mode, String old, String candidate, String expected) {
    @Override
    public String toString() {
      return mode + ": " + name + " -> " + expected;
    }
  }

  static Stream<Row> table() {
    List<Row> rows = new ArrayList<>();
    // Adding an optional property.
    String addOptional =
        """
        {"type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer"},
         "note":{"type":"string"}},"required":["id"]}""";
    rows.add(new Row("add optional property", Compatibility.BACKWARD, BASE, addOptional, OK));
    rows.add(new Row("add optional property", Compatibility.FORWARD, BASE, addOptional, OK));
    rows.add(new Row("add optional property", Compatibility.FULL, BASE, addOptional, OK));
    String closedAddOptional =
        """
        {"type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer"},
         "note":{"type":"string"}},"required":["id"],"additionalProperties":false}""";
    rows.add(
        new Row(
            "add optional property to closed object",
            Compatibility.BACKWARD,
            CLOSED_BASE,
            closedAddOptional,
            OK));
    rows.add(
        new Row(
            "add optional property to closed object",
            Compatibility.FORWARD,
            CLOSED_BASE,
            closedAddOptional,
            "PropertyNotAllowed"));
    // Adding a required property.
    String addRequired =
        """
        {"type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer"},
         "note":{"type":"string"}},"required":["id","note"]}""";
    rows.add(
        new Row(
            "add required property", Compatibility.BACKWARD, BASE, addRequired, "RequiredAdded"));
    rows.add(new Row("add required property", Compatibility.FORWARD, BASE, addRequired, OK));
    rows.add(
        new Row("add required property", Compatibility.FULL, BASE, addRequired, "RequiredAdded"));
    rows.add(new Row("add required property", Compatibility.NONE, BASE, addRequired, OK));
    // Making a required property optional.
    String relaxRequired =
        """
        {"type":"object","properties":{"id":{"type":"string"},"n":{"type":"integer"}}}""";
    rows.add(new Row("drop required", Compatibility.BACKWARD, BASE, relaxRequired, OK));
    rows.add(new Row("drop required", Compatibility.FORWARD, BASE, relaxRequired, "RequiredAdded"));
    // Removing a property.
    String removeN =
        """
        {"type":"object","properties":{"id":{"type":"string"}},"required":["id"]}""";
    String closedRemoveN =
        """
        {"type":"object","properties":{"id":{"type":"string"}},"required":["id"],
         "additionalProperties":false}""";
    rows.add(new Row("remove property, open", Compatibility.BACKWARD, BASE, removeN, OK));
    rows.add(new Row("remove property, open", Compatibility.FORWARD, BASE, removeN, OK));
    rows.add(
        new Row(
            "remove property from closed object",
            Compatibility.BACKWARD,
            CLOSED_BASE,
            closedRemoveN,
            "PropertyNotAllowed"));
    rows.add(
        new Row(
            "remove property from closed object",
            Compatibility.FORWARD,
            CLOSED_BASE,
            closedRemoveN,
            OK));
    // Types.
    String nAsNumber =
        """
        {"type":"object","properties":{"id":{"type":"string"},"n":{"type":"number"}},
         "required":["id"]}""";
    String nAsString =
        """
        {"type":"object","properties":{"id":{"type":"string"},"n":{"type":"string"}},
         "required":["id"]}""";
    String nNullable =
        """
        {"type":"object","properties":{"id":{"type":"string"},"n":{"type":["integer","null"]}},
         "required":["id"]}""";
    rows.add(new Row("widen integer to number", Compatibility.BACKWARD, BASE, nAsNumber, OK));
    rows.add(
        new Row("widen integer to number", Compatibility.FORWARD, BASE, nAsNumber, "TypeNarrowed"));
    rows.add(
        new Row(
            "change integer to string", Compatibility.BACKWARD, BASE, nAsString, "TypeNarrowed"));
    rows.add(new Row("make nullable", Compatibility.BACKWARD, BASE, nNullable, OK));
    rows.add(new Row("make nullable", Compatibility.FULL, BASE, nNullable, "TypeNarrowed"));
    rows.add(
        new Row(
            "narrow number to integer", Compatibility.BACKWARD, nAsNumber, BASE, "TypeNarrowed"));
    // Enums.
    String abc = "{\"type\":\"string\",\"enum\":[\"a\",\"b\",\"c\"]}";
    String ab = "{\"type\":\"string\",\"enum\":[\"a\",\"b\"]}";
    rows.add(new Row("narrow enum", Compatibility.BACKWARD, abc, ab, "EnumNarrowed"));
    rows.add(new Row("narrow enum", Compatibility.FORWARD, abc, ab, OK));
    rows.add(new Row("widen enum", Compatibility.BACKWARD, ab, abc, OK));
    rows.add(new Row("widen enum", Compatibility.FORWARD, ab, abc, "EnumNarrowed"));
    rows.add(
        new Row("add enum", Compatibility.BACKWARD, "{\"type\":\"string\"}", ab, "EnumNarrowed"));
    // Ranges and lengths.
    rows.add(
        new Row(
            "raise minimum",
            Compatibility.BACKWARD,
            "{\"type\":\"integer\",\"minimum\":0}",
            "{\"type\":\"integer\",\"minimum\":1}",
            "RangeNarrowed"));
    rows.add(
        new Row(
            "lower minimum",
            Compatibility.BACKWARD,
            "{\"type\":\"integer\",\"minimum\":1}",
            "{\"type\":\"integer\",\"minimum\":0}",
            OK));
    rows.add(
        new Row(
            "inclusive to exclusive maximum",
            Compatibility.BACKWARD,
            "{\"type\":\"number\",\"maximum\":10}",
            "{\"type\":\"number\",\"exclusiveMaximum\":10}",
            "RangeNarrowed"));
    rows.add(
        new Row(
            "lower maxLength",
            Compatibility.BACKWARD,
            "{\"type\":\"string\",\"maxLength\":10}",
            "{\"type\":\"string\",\"maxLength\":5}",
            "LengthNarrowed"));
    rows.add(
        new Row(
            "add pattern",
            Compatibility.BACKWARD,
            "{\"type\":\"string\"}",
            "{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}$\"}",
            "PatternChanged"));
    rows.add(
        new Row(
            "remove pattern",
            Compatibility.BACKWARD,
            "{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}$\"}",
            "{\"type\":\"string\"}",
            OK));
    // Arrays and nesting.
    rows.add(
        new Row(
            "narrow array items",
            Compatibility.BACKWARD,
            "{\"type\":\"array\",\"items\":{\"type\":[\"string\",\"integer\"]}}",
            "{\"type\":\"array\",\"items\":{\"type\":\"string\"}}",
            "TypeNarrowed"));
    rows.add(
        new Row(
            "nested required",
            Compatibility.BACKWARD,
            "{\"type\":\"object\",\"properties\":{\"o\":{\"type\":\"object\"}}}",
            "{\"type\":\"object\",\"properties\":{\"o\":{\"type\":\"object\","
                + "\"required\":[\"code\"]}}}",
            "RequiredAdded"));
    // Documentation-only changes and unanalysed keywords.
    rows.add(
        new Row(
            "description change",
            Compatibility.FULL_TRANSITIVE,
            "{\"type\":\"string\",\"description\":\"a\"}",
            "{\"type\":\"string\",\"description\":\"b\",\"title\":\"t\"}",
            OK));
    rows.add(
        new Row(
            "oneOf changed",
            Compatibility.BACKWARD,
            "{\"oneOf\":[{\"type\":\"string\"},{\"type\":\"integer\"}]}",
            "{\"oneOf\":[{\"type\":\"string\"}]}",
            "UnanalysedKeywordChanged"));
    rows.add(
        new Row(
            "closing an explicitly open object",
            Compatibility.BACKWARD,
            "{\"type\":\"object\",\"additionalProperties\":true}",
            "{\"type\":\"object\",\"additionalProperties\":false}",
            "AdditionalPropertiesRestricted"));
    rows.add(new Row("false reader", Compatibility.BACKWARD, "true", "false", "SchemaRejectsAll"));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void verdict(Row row) throws Exception {
    List<Incompatibility> problems =
        new CompatibilityChecker()
            .check(row.mode(), json(row.candidate()), List.of(version(1, row.old())));
    if (row.expected().equals(OK)) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).isNotEmpty();
      assertThat(problems.get(0).violation().rule().name()).isEqualTo(row.expected());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transitiveTable")
  void transitiveModesCheckEveryEarlierVersion(Compatibility mode, String expected)
      throws Exception {
    // v1 requires a, v2 made it optional, the candidate adds an optional b: compatible with v2 in
    // every direction, but v1 readers (FORWARD) reject candidate data without a.
    String v1 =
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},\"required\":[\"a\"]}";
    String v2 = "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}}";
    String v3 =
        "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"},\"b\":{\"type\":\"string\"}}}";
    List<Incompatibility> problems =
        new CompatibilityChecker().check(mode, json(v3), List.of(version(1, v1), version(2, v2)));
    if (expected.equals(OK)) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).extracting(p -> p.violation().rule().name()).contains(expected);
      assertThat(problems).allMatch(p -> p.againstVersion() == 1);
    }
  }

  static Stream<org.junit.jupiter.params.provider.Arguments> transitiveTable() {
    return Stream.of(
        org.junit.jupiter.params.provider.Arguments.of(Compatibility.FORWARD, OK),
        org.junit.jupiter.params.provider.Arguments.of(
            Compatibility.FORWARD_TRANSITIVE, "RequiredAdded"),
        org.junit.jupiter.params.provider.Arguments.of(Compatibility.FULL, OK),
        org.junit.jupiter.params.provider.Arguments.of(
            Compatibility.FULL_TRANSITIVE, "RequiredAdded"),
        org.junit.jupiter.params.provider.Arguments.of(Compatibility.BACKWARD_TRANSITIVE, OK));
  }

  @org.junit.jupiter.api.Test
  void messageNamesThePropertyAndTheRule() throws Exception {
    List<Incompatibility> problems =
        new CompatibilityChecker()
            .check(
                Compatibility.BACKWARD,
                json(
                    """
                    {"type":"object","properties":{"origin":{"type":"object",
                     "properties":{"code":{"type":"integer"}}}}}"""),
                List.of(
                    version(
                        3,
                        """
                        {"type":"object","properties":{"origin":{"type":"object",
                         "properties":{"code":{"type":"string"}}}}}""")));
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0).message())
        .contains("BACKWARD")
        .contains("version 3")
        .contains("origin.code")
        .contains("TypeNarrowed");
  }

  private static ContractSchemaVersion version(int number, String schema) throws Exception {
    JsonNode node = json(schema);
    return new ContractSchemaVersion(number, ContractSchemas.fingerprint(node), node);
  }

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text);
  }
}
