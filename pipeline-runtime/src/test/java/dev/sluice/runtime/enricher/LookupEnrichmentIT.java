package dev.sluice.runtime.enricher;

import static dev.sluice.runtime.enricher.EnricherFixture.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.v1alpha1.ConfigMapKeyReference;
import dev.sluice.api.v1alpha1.EnricherSpec;
import dev.sluice.api.v1alpha1.Enrichment;
import dev.sluice.api.v1alpha1.LookupEnrichment;
import dev.sluice.api.v1alpha1.TableSource;
import dev.sluice.runtime.testing.SharedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The lookup enrichment of the flights sample (origin and destination airports) with a table cut
 * from the real airports.csv, mounted the way a ConfigMap is ({@code <tablesDir>/<name>/<key>}).
 */
class LookupEnrichmentIT {
  private EnricherFixture fixture;

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void flightsGetTheirAirportsCityStateAndCoordinates() throws Exception {
    EnricherSpec spec = new EnricherSpec();
    spec.getEnrichments().add(airport("origin"));
    spec.getEnrichments().add(airport("destination"));
    String prefix = SharedKafka.createTopics(3, EnricherFixture.topicNames());
    fixture = new EnricherFixture(SharedKafka.bootstrapServers(), prefix, spec);
    Path table = Files.createDirectories(Path.of(fixture.stageConfig.getTablesDir(), "airports"));
    Files.copy(
        getClass().getResourceAsStream("/enricher/airports.csv"), table.resolve("airports.csv"));
    FlightContracts.writeLikeKubernetes(fixture.contractsDir, FlightContracts.bundle(1, 1));
    fixture.startInProcess();

    List<String> airports = FlightContracts.airports();
    List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> records =
        new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      records.add(
          fixture.event(
              "flight-" + i,
              FlightContracts.flight(
                  airports.get(i % airports.size()), airports.get((i + 3) % airports.size()), i)));
    }
    fixture.send(records);

    var reader = fixture.reader(fixture.topics().getEnriched());
    List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              drain(reader, seen);
              return seen.size() >= 100;
            });
    assertThat(seen).hasSize(100);
    JsonNode detroit =
        seen.stream()
            .map(r -> read(r.value()))
            .filter(d -> d.get("origin").asText().equals("DTW"))
            .findFirst()
            .orElseThrow();
    assertThat(detroit.get("origin_name").asText()).isEqualTo("Detroit Metropolitan-Wayne County");
    assertThat(detroit.get("origin_city").asText()).isEqualTo("Detroit");
    assertThat(detroit.get("origin_state").asText()).isEqualTo("MI");
    assertThat(detroit.get("origin_lat").isNumber()).isTrue();
    assertThat(detroit.get("origin_lat").asDouble()).isEqualTo(42.21205889);
    assertThat(detroit.get("origin_lon").asDouble()).isEqualTo(-83.34883583);
    assertThat(detroit.get("destination").asText()).isEqualTo("ORD");
    assertThat(detroit.get("destination_city").asText()).isEqualTo("Chicago");
    assertThat(detroit.get("destination_lon").isNumber()).isTrue();
    assertThat(detroit.get("delay").isInt()).isTrue();
  }

  private static Enrichment airport(String field) {
    ConfigMapKeyReference ref = new ConfigMapKeyReference();
    ref.setName("airports");
    ref.setKey("airports.csv");
    TableSource table = new TableSource();
    table.setConfigMapKeyRef(ref);
    LookupEnrichment lookup = new LookupEnrichment();
    lookup.setTable(table);
    lookup.setField(field);
    lookup.setKeyColumn("iata");
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("name", field + "_name");
    columns.put("city", field + "_city");
    columns.put("state", field + "_state");
    columns.put("latitude", field + "_lat");
    columns.put("longitude", field + "_lon");
    lookup.setColumns(columns);
    Enrichment e = new Enrichment();
    e.setName(field + "-airport");
    e.setLookup(lookup);
    return e;
  }

  private static JsonNode read(byte[] value) {
    try {
      return FlightContracts.JSON.readTree(value);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
