package dev.sluice.runtime.loader.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.ContractSchemaVersion;
import dev.sluice.runtime.testing.TestContracts;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexTemplatesTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ContractBundle contract(String name, String schema) throws Exception {
    ContractBundle b = new ContractBundle();
    b.setName(name);
    b.setEventType(name + ".type");
    b.setAcceptedVersion(2);
    b.setVersions(
        List.of(
            new ContractSchemaVersion(1, "a", JSON.readTree("{\"type\":\"object\"}")),
            new ContractSchemaVersion(2, "b", JSON.readTree(schema))));
    return b;
  }

  @Test
  void mapsTheAcceptedSchemaOfEveryContract() throws Exception {
    var templates =
        new IndexTemplates(
            new IndexNames("flights"), List.of(contract("flight", TestContracts.FLIGHT_SCHEMA)));
    var events = templates.eventsTemplate();
    assertThat(events.path("index_patterns").get(0).asText()).isEqualTo("flights-*");
    var data =
        events.path("template").path("mappings").path("properties").path("data").path("properties");
    assertThat(data.path("delay").path("type").asText()).isEqualTo("long");
    assertThat(data.path("distance").path("type").asText()).isEqualTo("long");
    assertThat(data.path("origin").path("type").asText()).isEqualTo("keyword");
    assertThat(data.path("origin_name").path("type").asText()).isEqualTo("text");
    assertThat(data.path("origin_name").path("fields").path("keyword").path("type").asText())
        .isEqualTo("keyword");
    assertThat(data.path("scheduled").path("type").asText()).isEqualTo("date");
    assertThat(data.path("origin_lat").path("type").asText()).isEqualTo("double");
    assertThat(data.path("origin_location").path("type").asText()).isEqualTo("geo_point");
    var dlq = templates.deadLettersTemplate();
    assertThat(dlq.path("index_patterns").get(0).asText()).isEqualTo("flights-dlq-*");
    assertThat(dlq.path("priority").asInt()).isGreaterThan(events.path("priority").asInt());
  }

  @Test
  void theFirstContractWinsAFieldTwoMapDifferently() throws Exception {
    var templates =
        new IndexTemplates(
            new IndexNames("p"),
            List.of(
                contract(
                    "a", "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"integer\"}}}"),
                contract(
                    "b", "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\"}}}")));
    var data =
        templates
            .eventsTemplate()
            .path("template")
            .path("mappings")
            .path("properties")
            .path("data");
    assertThat(data.path("properties").path("x").path("type").asText()).isEqualTo("long");
  }

  @Test
  void refusesMalformedExtensionKeywordsNamingThem() throws Exception {
    var badIndex =
        contract(
            "c",
            "{\"type\":\"object\",\"properties\":{\"x\":{\"type\":\"string\",\"x-sluice-index\":\"fulltext\"}}}");
    assertThatThrownBy(
            () -> new IndexTemplates(new IndexNames("p"), List.of(badIndex)).eventsTemplate())
        .hasMessageContaining("x-sluice-index");
    var badGeo = contract("d", "{\"type\":\"object\",\"x-sluice-geo\":{\"loc\":{\"lat\":\"a\"}}}");
    assertThatThrownBy(() -> new IndexTemplates(new IndexNames("p"), List.of(badGeo)).geoPairs())
        .hasMessageContaining("x-sluice-geo.loc");
  }

  @Test
  void findsTheFieldOfARefusal() {
    assertThat(
            RefusalField.pointer(
                "failed to parse field [data.delay] of type [long] in document with id 'x'"))
        .isEqualTo("/data/delay");
    assertThat(RefusalField.pointer("document rejected")).isNull();
    assertThat(RefusalField.pointer(null)).isNull();
  }
}
