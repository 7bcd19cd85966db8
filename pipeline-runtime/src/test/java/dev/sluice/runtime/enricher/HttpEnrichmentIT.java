package dev.sluice.runtime.enricher;

import static dev.sluice.runtime.enricher.EnricherFixture.drain;
import static dev.sluice.runtime.enricher.EnricherFixture.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.v1alpha1.EnricherSpec;
import dev.sluice.api.v1alpha1.Enrichment;
import dev.sluice.api.v1alpha1.HttpEnrichment;
import dev.sluice.api.v1alpha1.HttpMethod;
import dev.sluice.api.v1alpha1.OnError;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.enricher.EnrichmentApiServer.Behaviour;
import dev.sluice.runtime.testing.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP enrichment against a real local API that is slow, failing or flapping: timeouts,
 * retries, the circuit breaker opening and closing, dead-lettering or continuing, and the cache.
 */
class HttpEnrichmentIT {
  private EnrichmentApiServer api;
  private EnricherFixture fixture;
  private KafkaConsumer<byte[], byte[]> enriched;
  private KafkaConsumer<byte[], byte[]> dlq;
  private final List<ConsumerRecord<byte[], byte[]>> enrichedSeen = new ArrayList<>();
  private final List<ConsumerRecord<byte[], byte[]>> dlqSeen = new ArrayList<>();

  @BeforeEach
  void startApi() throws Exception {
    api = new EnrichmentApiServer();
  }

  @AfterEach
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
    api.close();
  }

  @Test
  void slowApiTimesOutIsRetriedAndTheEventsAreDeadLettered() throws Exception {
    api.behave(Behaviour.SLOW);
    start(
        h -> {
          h.setTimeout("300ms");
          h.setRetries(2);
        },
        OnError.DEAD_LETTER);

    send(3, "slow");

    awaitCounts(0, 3);
    for (ConsumerRecord<byte[], byte[]> r : dlqSeen) {
      assertThat(header(r, DeadLetterHeaders.CLASS)).isEqualTo("EnrichmentFailed");
      assertThat(header(r, DeadLetterHeaders.MESSAGE))
          .isEqualTo("elevation: the API did not answer in time");
    }
    // Three events, each tried 1 + 2 times; too few calls for the breaker to judge.
    await().atMost(Duration.ofSeconds(10)).until(() -> api.requests() == 9);
  }

  @Test
  void failingAttemptsAreRetriedUntilTheApiAnswers() throws Exception {
    api.behave(Behaviour.FAIL_FIRST_ATTEMPT);
    start(
        h -> {
          h.setRetries(3);
          // One event at a time: attempts alternate failure/success, 50 % stays under the
          // breaker's threshold (20 concurrent first attempts would all fail and open it).
          h.setMaxInFlight(1);
          h.setCircuitBreakerFailureRatio(0.9);
        },
        OnError.DEAD_LETTER);

    send(20, "retried");

    awaitCounts(20, 0);
    assertThat(api.requests()).isEqualTo(40);
    JsonNode data = FlightContracts.JSON.readTree(enrichedSeen.getFirst().value());
    assertThat(data.get("airport").get("elevation").asInt()).isEqualTo(600);
    assertThat(data.get("origin").asText()).isEqualTo("DTW");
  }

  @Test
  void circuitBreakerOpensWhileTheApiFailsAndClosesWhenItRecovers() throws Exception {
    api.behave(Behaviour.FAILING);
    start(
        h -> {
          h.setRetries(0);
          // Few calls in flight, so the breaker has judged its first 10 before the 40th starts;
          // with 40 concurrent first calls none would find it open.
          h.setMaxInFlight(4);
          h.setCircuitBreakerOpenFor("2s");
          h.setCircuitBreakerFailureRatio(0.5);
        },
        OnError.DEAD_LETTER);

    send(40, "failing");

    awaitCounts(0, 40);
    assertThat(api.requests()).as("calls the open breaker kept from the API").isLessThan(40);
    assertThat(dlqSeen)
        .anySatisfy(
            r ->
                assertThat(header(r, DeadLetterHeaders.MESSAGE))
                    .isEqualTo("elevation: circuit breaker open, the API is not called"));

    api.behave(Behaviour.OK);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              send(1, "probe-" + System.nanoTime());
              drain(enriched, enrichedSeen);
              return !enrichedSeen.isEmpty();
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              send(1, "closing-" + System.nanoTime());
              assertThat(metrics())
                  .containsPattern("sluice_enricher_circuit_breaker_state\\{[^}]*} 0\\.0");
            });
    int before = enrichedSeen.size();
    send(20, "recovered");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              drain(enriched, enrichedSeen);
              return enrichedSeen.stream()
                      .filter(r -> EnricherFixture.id(r).startsWith("recovered"))
                      .count()
                  == 20;
            });
    assertThat(enrichedSeen.size()).isGreaterThanOrEqualTo(before + 20);
  }

  @Test
  void continueOnErrorPassesTheEventsWithTheFailureRecorded() throws Exception {
    api.behave(Behaviour.FAILING);
    start(h -> h.setRetries(1), OnError.CONTINUE);

    send(5, "continued");

    awaitCounts(5, 0);
    for (ConsumerRecord<byte[], byte[]> r : enrichedSeen) {
      assertThat(header(r, "ce_sluiceenrichmenterror")).startsWith("elevation: ");
      assertThat(header(r, "ce_sluiceenrichmenterror")).contains("answered 503");
      assertThat(FlightContracts.JSON.readTree(r.value()).has("airport")).isFalse();
    }
  }

  @Test
  void getExpandsPlaceholdersAndCachesAnswers() throws Exception {
    start(
        h -> {
          h.setMethod(HttpMethod.GET);
          h.setUrl(api.url("/airports/{origin}"));
          h.setCacheTtl("1m");
        },
        OnError.DEAD_LETTER);

    List<String> origins = List.of("DTW", "SFO", "LAS");
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      records.add(
          fixture.event("cached-" + i, FlightContracts.flight(origins.get(i % 3), "ATL", i)));
    }
    fixture.send(records);

    awaitCounts(30, 0);
    assertThat(api.requests()).as("one call per distinct URL").isEqualTo(3);
    for (ConsumerRecord<byte[], byte[]> r : enrichedSeen) {
      JsonNode data = FlightContracts.JSON.readTree(r.value());
      assertThat(data.get("airport").get("path").asText())
          .isEqualTo("/airports/" + data.get("origin").asText());
    }
  }

  private void start(Consumer<HttpEnrichment> customize, OnError onError) throws Exception {
    HttpEnrichment http = new HttpEnrichment();
    http.setUrl(api.url("/elevation"));
    http.setFields(List.of("origin", "delay", "date"));
    http.setTargetField("airport");
    http.setTimeout("2s");
    customize.accept(http);
    Enrichment e = new Enrichment();
    e.setName("elevation");
    e.setHttp(http);
    e.setOnError(onError);
    EnricherSpec spec = new EnricherSpec();
    spec.getEnrichments().add(e);
    String prefix = SharedKafka.createTopics(1, EnricherFixture.topicNames());
    fixture = new EnricherFixture(SharedKafka.bootstrapServers(), prefix, spec);
    FlightContracts.writeLikeKubernetes(fixture.contractsDir, FlightContracts.bundle(1, 1));
    fixture.startInProcess();
    enriched = fixture.reader(fixture.topics().getEnriched());
    dlq = fixture.reader(fixture.topics().getEnrichedDeadLetter());
  }

  private void send(int count, String idPrefix) {
    fixture.send(
        IntStream.range(0, count)
            .mapToObj(
                i -> fixture.event(idPrefix + "-" + i, FlightContracts.flight("DTW", "LAS", i)))
            .toList());
  }

  private void awaitCounts(int enrichedCount, int dlqCount) {
    await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () -> {
              drain(enriched, enrichedSeen);
              drain(dlq, dlqSeen);
              return enrichedSeen.size() >= enrichedCount && dlqSeen.size() >= dlqCount;
            });
    assertThat(enrichedSeen).hasSize(enrichedCount);
    assertThat(dlqSeen).hasSize(dlqCount);
  }

  private String metrics() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + fixture.httpPort + "/metrics"))
                  .build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }
}
