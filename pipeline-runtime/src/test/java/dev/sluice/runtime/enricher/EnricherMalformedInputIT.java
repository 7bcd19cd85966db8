package dev.sluice.runtime.enricher;

import static dev.sluice.runtime.enricher.EnricherFixture.drain;
import static dev.sluice.runtime.enricher.EnricherFixture.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.v1alpha1.CollectorSpec;
import dev.sluice.api.v1alpha1.EnricherSpec;
import dev.sluice.api.v1alpha1.Enrichment;
import dev.sluice.api.v1alpha1.LookupEnrichment;
import dev.sluice.api.v1alpha1.PayloadLimits;
import dev.sluice.api.v1alpha1.TableSource;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.testing.SharedKafka;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed raw records, each sent between valid events to a running enricher on a real broker:
 * every bad one reaches the enriched DLQ with its original bytes and reason headers, and every
 * valid one reaches the enriched topic.
 */
class EnricherMalformedInputIT {
  private static final int VALID_BETWEEN = 3;
  private static final int MAX_EVENT_BYTES = 64 * 1024;

  /** One kind of bad input and the DLQ headers it must get. */
  record Case(
      String id,
      ProducerRecord<byte[], byte[]> record,
      String errorClass,
      String field,
      String contract,
      String version) {
    @Override
    public String toString() {
      return id;
    }
  }

  private static EnricherFixture fixture;
  private static List<Case> cases;
  private static final Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = new HashMap<>();
  private static final Map<String, ConsumerRecord<byte[], byte[]>> enriched = new HashMap<>();
  private static final List<String> validIds = new ArrayList<>();

  @BeforeAll
  static void runEnricherOverMalformedInput() throws Exception {
    String prefix = SharedKafka.createTopics(3, EnricherFixture.topicNames());
    fixture = new EnricherFixture(SharedKafka.bootstrapServers(), prefix, enricherSpec());
    PayloadLimits limits = new PayloadLimits();
    limits.setMaxEventBytes(MAX_EVENT_BYTES);
    CollectorSpec collector = new CollectorSpec();
    collector.setLimits(limits);
    fixture.stageConfig.getSpec().setCollector(collector);
    Path tables = Files.createDirectories(fixture.dir.resolve("data"));
    Files.copy(
        EnricherMalformedInputIT.class.getResourceAsStream("/enricher/airports.csv"),
        tables.resolve("airports.csv"));
    FlightContracts.writeLikeKubernetes(fixture.contractsDir, FlightContracts.bundle(1, 1));
    fixture.startInProcess();

    cases = cases();
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    int n = 0;
    for (Case c : cases) {
      for (int i = 0; i < VALID_BETWEEN; i++) {
        String id = "valid-" + n++;
        validIds.add(id);
        records.add(fixture.event(id, FlightContracts.flight("DTW", "LAS", i)));
      }
      records.add(c.record());
    }
    fixture.send(records);

    var dlq = fixture.reader(fixture.topics().getEnrichedDeadLetter());
    var out = fixture.reader(fixture.topics().getEnriched());
    List<ConsumerRecord<byte[], byte[]>> dlqRecords = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> outRecords = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              drain(dlq, dlqRecords);
              drain(out, outRecords);
              return dlqRecords.size() >= cases.size() && outRecords.size() >= validIds.size();
            });
    dlqRecords.forEach(r -> deadLetters.put(new String(r.key(), StandardCharsets.UTF_8), r));
    outRecords.forEach(r -> enriched.put(EnricherFixture.id(r), r));
  }

  @AfterAll
  static void stop() throws Exception {
    fixture.close();
  }

  static Stream<Case> malformedInputs() {
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedInputs")
  void malformedInputReachesTheDeadLetterTopicWithItsReason(Case c) {
    ConsumerRecord<byte[], byte[]> dead = deadLetters.get(c.id());
    assertThat(dead).as("DLQ record of %s", c.id()).isNotNull();
    assertThat(dead.value()).as("original bytes").isEqualTo(c.record().value());
    assertThat(header(dead, DeadLetterHeaders.STAGE)).isEqualTo("enricher");
    assertThat(header(dead, DeadLetterHeaders.CLASS)).isEqualTo(c.errorClass());
    assertThat(header(dead, DeadLetterHeaders.FIELD)).isEqualTo(c.field());
    assertThat(header(dead, DeadLetterHeaders.CONTRACT)).isEqualTo(c.contract());
    assertThat(header(dead, DeadLetterHeaders.CONTRACT_VERSION)).isEqualTo(c.version());
    assertThat(header(dead, DeadLetterHeaders.MESSAGE)).isNotBlank();
    assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(fixture.topics().getRaw());
    assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).isNotNull();
    assertThat(enriched).doesNotContainKey(c.id());
  }

  @Test
  void everyValidEventSentAlongsideIsEnriched() throws Exception {
    assertThat(enriched.keySet()).containsExactlyInAnyOrderElementsOf(validIds);
    assertThat(deadLetters.keySet()).doesNotContainAnyElementsOf(validIds);
    JsonNode data = FlightContracts.JSON.readTree(enriched.get(validIds.getFirst()).value());
    assertThat(data.get("origin_city").asText()).isEqualTo("Detroit");
    assertThat(header(enriched.get(validIds.getFirst()), "ce_sluiceschemaversion")).isEqualTo("1");
  }

  private static EnricherSpec enricherSpec() {
    LookupEnrichment lookup = new LookupEnrichment();
    TableSource table = new TableSource();
    table.setPath("data/airports.csv");
    lookup.setTable(table);
    lookup.setField("origin");
    lookup.setKeyColumn("iata");
    lookup.setColumns(new LinkedHashMap<>(Map.of("city", "origin_city")));
    Enrichment e = new Enrichment();
    e.setName("origin-airport");
    e.setLookup(lookup);
    EnricherSpec spec = new EnricherSpec();
    spec.getEnrichments().add(e);
    return spec;
  }

  private static List<Case> cases() {
    List<Case> all = new ArrayList<>();
    schemaCase(all, "missing-required-field", d -> d.remove("delay"), "/data/delay");
    schemaCase(all, "wrong-type", d -> d.put("delay", "late"), "/data/delay");
    schemaCase(all, "enum-violation", d -> d.put("status", "boarding"), "/data/status");
    schemaCase(all, "number-out-of-range", d -> d.put("distance", 0), "/data/distance");
    schemaCase(all, "additional-property", d -> d.put("gate", "B12"), "/data/gate");
    schemaCase(
        all, "string-over-max-length", d -> d.put("remark", "x".repeat(10_000)), "/data/remark");
    schemaCase(all, "pattern-violation", d -> d.put("origin", "dtw"), "/data/origin");
    all.add(
        new Case(
            "not-json-data",
            fixture.event(
                "not-json-data", "{\"delay\": 5,".getBytes(StandardCharsets.UTF_8), b -> {}),
            "SchemaViolation",
            "/data",
            FlightContracts.NAME,
            "1"));
    all.add(
        new Case(
            "unknown-type",
            fixture.event(
                "unknown-type",
                FlightContracts.flight("DTW", "LAS", 1),
                b -> b.withType("flight.landed")),
            "UnknownType",
            "/type",
            null,
            null));
    all.add(
        new Case(
            "unknown-declared-version",
            fixture.event(
                "unknown-declared-version",
                FlightContracts.flight("DTW", "LAS", 1),
                b -> b.withExtension("sluiceschemaversion", 9)),
            "UnknownType",
            "/sluiceschemaversion",
            FlightContracts.NAME,
            "9"));
    all.add(
        new Case(
            "unknown-dataschema-version",
            fixture.event(
                "unknown-dataschema-version",
                FlightContracts.flight("DTW", "LAS", 1),
                b ->
                    b.withDataSchema(
                        URI.create("https://schemas.example.com/flight-departed?version=7"))),
            "UnknownType",
            "/dataschema",
            FlightContracts.NAME,
            "7"));
    all.add(
        new Case(
            "malformed-declared-version",
            fixture.event(
                "malformed-declared-version",
                FlightContracts.flight("DTW", "LAS", 1),
                b -> b.withExtension("sluiceschemaversion", "two")),
            "UnknownType",
            "/sluiceschemaversion",
            FlightContracts.NAME,
            null));
    all.add(
        new Case(
            "missing-ce-headers",
            new ProducerRecord<>(
                fixture.topics().getRaw(),
                "missing-ce-headers".getBytes(StandardCharsets.UTF_8),
                "{\"delay\":1}".getBytes(StandardCharsets.UTF_8)),
            "Unparseable",
            null,
            null,
            null));
    ProducerRecord<byte[], byte[]> noId =
        fixture.event("missing-ce-id", FlightContracts.flight("DTW", "LAS", 1));
    noId.headers().remove("ce_id");
    all.add(new Case("missing-ce-id", noId, "EnvelopeInvalid", null, null, null));
    ObjectNode big = FlightContracts.flight("DTW", "LAS", 1);
    big.put("remark", "y".repeat(MAX_EVENT_BYTES));
    all.add(
        new Case(
            "oversized-record",
            fixture.event("oversized-record", big),
            "SizeViolation",
            null,
            null,
            null));
    all.add(
        new Case(
            "unknown-airport",
            fixture.event("unknown-airport", FlightContracts.flight("ZZZ", "LAS", 1)),
            "EnrichmentFailed",
            "/data/origin",
            FlightContracts.NAME,
            "1"));
    return all;
  }

  private static void schemaCase(
      List<Case> all, String id, Consumer<ObjectNode> breakIt, String field) {
    ObjectNode data = FlightContracts.flight("DTW", "LAS", 1);
    breakIt.accept(data);
    all.add(
        new Case(id, fixture.event(id, data), "SchemaViolation", field, FlightContracts.NAME, "1"));
  }
}
