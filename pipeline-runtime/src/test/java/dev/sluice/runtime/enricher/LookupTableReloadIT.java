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
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.testing.SharedKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A lookup table mounted from a ConfigMap is replaced while the enricher runs, the way Kubernetes
 * does it (swap of the {@code ..data} symlink): events after the swap get the new rows, without a
 * restart; a broken replacement is refused and the previous table stays.
 */
class LookupTableReloadIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String V1 = "iata,city\nDTW,Detroit\nORD,Chicago\n";
  private static final String V2 =
      "iata,city\nDTW,Detroit Wayne County\nORD,Chicago\nAMS,Amsterdam\n";
  private static final String BROKEN = "iata,town\nDTW,Detroit\n";

  private EnricherFixture fixture;
  private Path mount;
  private KafkaConsumer<byte[], byte[]> enriched;
  private KafkaConsumer<byte[], byte[]> deadLetters;
  private final List<ConsumerRecord<byte[], byte[]>> seenEnriched = new ArrayList<>();
  private final List<ConsumerRecord<byte[], byte[]>> seenDeadLetters = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void aSwappedTableAppliesToTheNextEventsAndABrokenOneIsRefused() throws Exception {
    EnricherSpec spec = new EnricherSpec();
    spec.getEnrichments().add(originCity());
    String prefix = SharedKafka.createTopics(1, EnricherFixture.topicNames());
    fixture = new EnricherFixture(SharedKafka.bootstrapServers(), prefix, spec);
    mount = Path.of(fixture.stageConfig.getTablesDir(), "airports");
    FlightContracts.mountLikeKubernetes(mount, "airports.csv", bytes(V1));
    FlightContracts.writeLikeKubernetes(fixture.contractsDir, FlightContracts.bundle(1, 1));
    enriched = fixture.reader(fixture.topics().getEnriched());
    deadLetters = fixture.reader(fixture.topics().getEnrichedDeadLetter());
    fixture.startInProcess();

    send("a1", "AMS");
    send("d1", "DTW");
    assertThat(enrichedCity("d1")).isEqualTo("Detroit");
    ConsumerRecord<byte[], byte[]> unknown = deadLetter("a1");
    assertThat(EnricherFixture.header(unknown, DeadLetterHeaders.CLASS))
        .isEqualTo("EnrichmentFailed");

    FlightContracts.mountLikeKubernetes(mount, "airports.csv", bytes(V2));
    await().atMost(Duration.ofSeconds(30)).until(() -> metric("table_rows").equals("3.0"));
    send("a2", "AMS");
    send("d2", "DTW");
    assertThat(enrichedCity("a2")).isEqualTo("Amsterdam");
    assertThat(enrichedCity("d2")).isEqualTo("Detroit Wayne County");

    FlightContracts.mountLikeKubernetes(mount, "airports.csv", bytes(BROKEN));
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> metric("table_refusals_total").equals("1.0"));
    send("a3", "AMS");
    assertThat(enrichedCity("a3")).as("the previous table stays").isEqualTo("Amsterdam");
    assertThat(metric("table_rows")).isEqualTo("3.0");
  }

  private void send(String id, String origin) {
    fixture.send(List.of(fixture.event(id, FlightContracts.flight(origin, "ORD", 5))));
  }

  private String enrichedCity(String id) {
    ConsumerRecord<byte[], byte[]> r = awaitRecord(enriched, seenEnriched, id);
    try {
      JsonNode data = FlightContracts.JSON.readTree(r.value());
      return data.get("origin_city").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ConsumerRecord<byte[], byte[]> deadLetter(String id) {
    return awaitRecord(deadLetters, seenDeadLetters, id);
  }

  private static ConsumerRecord<byte[], byte[]> awaitRecord(
      KafkaConsumer<byte[], byte[]> consumer,
      List<ConsumerRecord<byte[], byte[]>> seen,
      String id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              drain(consumer, seen);
              return seen.stream().anyMatch(r -> id.equals(EnricherFixture.id(r)));
            });
    return seen.stream().filter(r -> id.equals(EnricherFixture.id(r))).findFirst().orElseThrow();
  }

  /** The value of {@code sluice_enricher_lookup_table_<name>{enrichment="origin-airport"}}. */
  private String metric(String name) throws Exception {
    String body =
        HTTP.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fixture.httpPort + "/metrics"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    return body.lines()
        .filter(l -> l.startsWith("sluice_enricher_lookup_" + name + "{"))
        .filter(l -> l.contains("enrichment=\"origin-airport\""))
        .map(l -> l.substring(l.lastIndexOf(' ') + 1))
        .findFirst()
        .orElse("");
  }

  private static Enrichment originCity() {
    ConfigMapKeyReference ref = new ConfigMapKeyReference();
    ref.setName("airports");
    ref.setKey("airports.csv");
    TableSource table = new TableSource();
    table.setConfigMapKeyRef(ref);
    LookupEnrichment lookup = new LookupEnrichment();
    lookup.setTable(table);
    lookup.setField("origin");
    lookup.setKeyColumn("iata");
    lookup.setColumns(Map.of("city", "origin_city"));
    Enrichment e = new Enrichment();
    e.setName("origin-airport");
    e.setLookup(lookup);
    return e;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
