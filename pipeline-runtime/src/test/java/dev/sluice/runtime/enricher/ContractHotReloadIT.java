package dev.sluice.runtime.enricher;

import static dev.sluice.runtime.enricher.EnricherFixture.drain;
import static dev.sluice.runtime.enricher.EnricherFixture.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.v1alpha1.EnricherSpec;
import dev.sluice.runtime.contracts.ContractBundleReader;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.testing.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A running enricher picks up a new contract version written the way Kubernetes updates a mounted
 * ConfigMap (symlink swap), validates events declaring the old version against it, and keeps
 * serving the last good bundle when a malformed or oversized one arrives.
 */
class ContractHotReloadIT {
  private EnricherFixture fixture;
  private KafkaConsumer<byte[], byte[]> enriched;
  private KafkaConsumer<byte[], byte[]> dlq;
  private final Map<String, ConsumerRecord<byte[], byte[]>> seen = new HashMap<>();

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void newVersionAppliesWithoutRestartAndOldDeclaredVersionStillValidates() throws Exception {
    String prefix = SharedKafka.createTopics(1, EnricherFixture.topicNames());
    fixture = new EnricherFixture(SharedKafka.bootstrapServers(), prefix, new EnricherSpec());
    FlightContracts.writeLikeKubernetes(fixture.contractsDir, FlightContracts.bundle(1, 1));
    fixture.startInProcess();
    enriched = fixture.reader(fixture.topics().getEnriched());
    dlq = fixture.reader(fixture.topics().getEnrichedDeadLetter());

    fixture.send(List.of(fixture.event("before-with-carrier", withCarrier())));
    assertDeadLetter("before-with-carrier", "/data/carrier", "1");

    FlightContracts.writeLikeKubernetes(fixture.contractsDir, FlightContracts.bundle(2, 1, 2));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String id = "probe-" + System.nanoTime();
              fixture.send(List.of(fixture.event(id, withCarrier())));
              assertThat(awaitOutcome(id).topic()).isEqualTo(fixture.topics().getEnriched());
            });

    fixture.send(
        List.of(
            fixture.event(
                "declares-v1",
                FlightContracts.flight("DTW", "LAS", 5),
                b -> b.withExtension("sluiceschemaversion", 1)),
            fixture.event(
                "declares-v1-in-dataschema",
                FlightContracts.flight("DTW", "LAS", 5),
                b ->
                    b.withDataSchema(URI.create("https://schemas.example.com/flight-departed/v1"))),
            fixture.event("new-with-carrier", withCarrier()),
            fixture.event("new-without-carrier", FlightContracts.flight("DTW", "LAS", 5)),
            fixture.event(
                "declares-v1-with-carrier",
                withCarrier(),
                b -> b.withExtension("sluiceschemaversion", 1))));
    assertEnriched("declares-v1", "1");
    assertEnriched("declares-v1-in-dataschema", "1");
    assertEnriched("new-with-carrier", "2");
    assertDeadLetter("new-without-carrier", "/data/carrier", "2");
    assertDeadLetter("declares-v1-with-carrier", "/data/carrier", "1");

    // A malformed, then an oversized bundle: refused, v2 stays served.
    FlightContracts.writeLikeKubernetes(
        fixture.contractsDir, "flight-departed", "{\"name\": ".getBytes(StandardCharsets.UTF_8));
    awaitRefusals(1);
    byte[] huge = new byte[(int) ContractBundleReader.MAX_BUNDLE_BYTES + 1];
    java.util.Arrays.fill(huge, (byte) ' ');
    FlightContracts.writeLikeKubernetes(fixture.contractsDir, "flight-departed", huge);
    awaitRefusals(2);
    fixture.send(
        List.of(
            fixture.event("after-refusal-with-carrier", withCarrier()),
            fixture.event(
                "after-refusal-without-carrier", FlightContracts.flight("DTW", "LAS", 5))));
    assertEnriched("after-refusal-with-carrier", "2");
    assertDeadLetter("after-refusal-without-carrier", "/data/carrier", "2");
  }

  private static ObjectNode withCarrier() {
    ObjectNode data = FlightContracts.flight("DTW", "LAS", 5);
    data.put("carrier", "NW");
    return data;
  }

  private void awaitRefusals(int count) {
    HttpClient http = HttpClient.newHttpClient();
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              String metrics =
                  http.send(
                          HttpRequest.newBuilder(
                                  URI.create("http://127.0.0.1:" + fixture.httpPort + "/metrics"))
                              .build(),
                          HttpResponse.BodyHandlers.ofString())
                      .body();
              assertThat(metrics)
                  .containsPattern(
                      "sluice_enricher_contract_refusals_total\\{[^}]*} " + count + "\\.0");
            });
  }

  private ConsumerRecord<byte[], byte[]> awaitOutcome(String id) {
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              List<ConsumerRecord<byte[], byte[]>> got = new ArrayList<>();
              drain(enriched, got);
              drain(dlq, got);
              got.forEach(r -> seen.put(EnricherFixture.id(r), r));
              return seen.containsKey(id);
            });
    return seen.get(id);
  }

  private void assertEnriched(String id, String version) {
    ConsumerRecord<byte[], byte[]> r = awaitOutcome(id);
    assertThat(r.topic()).as(id).isEqualTo(fixture.topics().getEnriched());
    assertThat(header(r, "ce_sluiceschemaversion")).as(id).isEqualTo(version);
  }

  private void assertDeadLetter(String id, String field, String version) {
    ConsumerRecord<byte[], byte[]> r = awaitOutcome(id);
    assertThat(r.topic()).as(id).isEqualTo(fixture.topics().getEnrichedDeadLetter());
    assertThat(header(r, DeadLetterHeaders.CLASS)).isEqualTo("SchemaViolation");
    assertThat(header(r, DeadLetterHeaders.FIELD)).isEqualTo(field);
    assertThat(header(r, DeadLetterHeaders.CONTRACT)).isEqualTo(FlightContracts.NAME);
    assertThat(header(r, DeadLetterHeaders.CONTRACT_VERSION)).isEqualTo(version);
  }
}
