package dev.sluice.runtime.loader.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.StageName;
import dev.sluice.runtime.deadletter.DeadLetter;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.deadletter.ErrorClass;
import dev.sluice.runtime.testing.TestEvents;
import dev.sluice.runtime.testing.TopicRecords;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** The real-time loader against a real Kafka broker and a real OpenSearch node. */
class RealtimeLoaderIT extends RealtimeLoaderFixture {

  @Test
  void indexesEventsIntoDailyIndicesWithMappingsFromTheContract() {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      Instant t = i < 70 ? DAY1 : DAY2;
      events.add(TestEvents.event(TYPE, "e-" + i, t, t.plusSeconds(3), flight(i)));
    }
    send(events.stream().map(e -> TestEvents.record(config.getTopics().getEnriched(), e)).toList());

    try (var ctx = context();
        var loader = loader(ctx)) {
      loader.start();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> search.count(indexPrefix + "-2*", null) == 120);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> committed(config.getTopics().getEnriched()) == 120);
      assertThat(loader.isReady()).isTrue();

      // a replay of the same events (same id and source) overwrites, never duplicates
      send(
          events.stream()
              .map(e -> TestEvents.record(config.getTopics().getEnriched(), e))
              .toList());
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> committed(config.getTopics().getEnriched()) == 240);
    }
    assertThat(search.count(indexPrefix + "-2001.01.14", null)).isEqualTo(70);
    assertThat(search.count(indexPrefix + "-2001.01.15", null)).isEqualTo(50);
    String day1 = indexPrefix + "-2001.01.14";
    assertThat(search.ids(day1)).contains("e-0@/test/collector", "e-69@/test/collector");
    assertThat(search.fieldType(day1, "data.delay")).isEqualTo("long");
    assertThat(search.fieldType(day1, "data.origin")).isEqualTo("keyword");
    assertThat(search.fieldType(day1, "data.origin_name")).isEqualTo("text");
    assertThat(search.fieldType(day1, "data.origin_location")).isEqualTo("geo_point");
    assertThat(search.fieldType(day1, "time")).isEqualTo("date");
    assertThat(search.fieldType(day1, "sluicereceivedat")).isEqualTo("date");
    var doc = search.source(day1, "e-1@/test/collector");
    assertThat(doc.path("type").asText()).isEqualTo(TYPE);
    assertThat(doc.path("data").path("origin_location").path("lat").asDouble()).isEqualTo(37.62);
    assertThat(search.count(day1, "data.origin_name:francisco")).isEqualTo(70);
  }

  @Test
  void indexesDeadLettersWithTheirErrorHeadersAsFields() {
    List<ProducerRecord<byte[], byte[]>> dlq = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      CloudEvent e = TestEvents.event(TYPE, "bad-" + i, DAY1, DAY1, Map.of("delay", "x"));
      var source = TestEvents.record(config.getTopics().getEnriched(), e);
      var consumed = new ConsumerRecord<>(source.topic(), 1, 100 + i, source.key(), source.value());
      source.headers().forEach(h -> consumed.headers().add(h));
      dlq.add(
          new DeadLetter(
                  StageName.ENRICHER,
                  ErrorClass.SchemaViolation,
                  "delay must be an integer",
                  "/data/delay",
                  "flight-departed",
                  1)
              .toRecord(config.getTopics().getEnrichedDeadLetter(), consumed));
    }
    // a dead letter that is no CloudEvent at all is indexed too
    dlq.add(
        DeadLetter.of(StageName.ENRICHER, ErrorClass.Unparseable, "not JSON")
            .toRecord(
                config.getTopics().getEnrichedDeadLetter(),
                null,
                "{oops".getBytes(StandardCharsets.UTF_8),
                1024));
    send(dlq);

    try (var ctx = context();
        var loader = loader(ctx)) {
      loader.start();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> search.count(indexPrefix + "-dlq-*", null) == 6);
    }
    String index = indexPrefix + "-dlq-2001.01.14";
    assertThat(search.count(index, "error.class:SchemaViolation")).isEqualTo(5);
    assertThat(search.count(index, "error.message:integer")).isEqualTo(5);
    var doc = search.source(index, config.getTopics().getEnriched() + "/1/100");
    assertThat(doc.path("error").path("field").asText()).isEqualTo("/data/delay");
    assertThat(doc.path("error").path("contract").asText()).isEqualTo("flight-departed");
    assertThat(doc.path("id").asText()).isEqualTo("bad-0");
    assertThat(doc.path("payload").asText()).contains("\"delay\":\"x\"");
    assertThat(search.fieldType(index, "error.class")).isEqualTo("keyword");
    assertThat(search.count(indexPrefix + "-dlq-*", "error.class:Unparseable")).isEqualTo(1);
  }

  @Test
  void documentsTheIndexRefusesGoToTheLoaderDeadLetterTopicAndTheRestIsIndexed() {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Map<String, Object> data = flight(i);
      if (i % 10 == 3) {
        data.put("delay", "very late"); // a string where the mapping says long
      }
      records.add(
          TestEvents.record(
              config.getTopics().getEnriched(),
              TestEvents.event(TYPE, "m-" + i, DAY1, DAY1, data)));
    }
    // not a CloudEvent: no ce_ headers
    records.add(
        new ProducerRecord<>(
            config.getTopics().getEnriched(), "{}".getBytes(StandardCharsets.UTF_8)));
    send(records);

    try (var ctx = context();
        var loader = loader(ctx)) {
      loader.start();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> committed(config.getTopics().getEnriched()) == 41);
    }
    assertThat(search.count(indexPrefix + "-2*", null)).isEqualTo(36);
    var dead = TopicRecords.read(bootstrap, config.getTopics().getLoaderDeadLetter(), 5);
    assertThat(dead).hasSize(5);
    var refused = dead.stream().filter(r -> r.headers().lastHeader("ce_id") != null).toList();
    assertThat(refused).hasSize(4);
    for (var r : refused) {
      assertThat(header(r, DeadLetterHeaders.CLASS)).isEqualTo("IndexingFailed");
      assertThat(header(r, DeadLetterHeaders.STAGE)).isEqualTo("realtime-loader");
      assertThat(header(r, DeadLetterHeaders.FIELD)).isEqualTo("/data/delay");
      assertThat(header(r, DeadLetterHeaders.MESSAGE)).contains(mappingErrorType());
      assertThat(header(r, DeadLetterHeaders.CONTRACT)).isEqualTo("flight-departed");
      assertThat(header(r, DeadLetterHeaders.SOURCE_TOPIC))
          .isEqualTo(config.getTopics().getEnriched());
    }
    var notEvent = dead.stream().filter(r -> r.headers().lastHeader("ce_id") == null).toList();
    assertThat(header(notEvent.getFirst(), DeadLetterHeaders.MESSAGE)).contains("not a CloudEvent");
  }
}
