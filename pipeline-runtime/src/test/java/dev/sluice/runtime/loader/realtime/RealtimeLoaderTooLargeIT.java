package dev.sluice.runtime.loader.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.RealtimeLoaderSpec;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.testing.KafkaOffsets;
import dev.sluice.runtime.testing.LocalOpenSearch;
import dev.sluice.runtime.testing.SearchQueries;
import dev.sluice.runtime.testing.SharedKafka;
import dev.sluice.runtime.testing.TestContracts;
import dev.sluice.runtime.testing.TestEvents;
import dev.sluice.runtime.testing.TestStages;
import dev.sluice.runtime.testing.TopicRecords;
import io.cloudevents.CloudEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real OpenSearch node that accepts requests of at most 16 KiB ({@code http.max_content_length}):
 * bulk requests it refuses with 413 are split until they fit, and a document larger than the limit
 * on its own goes to the loader DLQ, so the loader neither retries forever nor loses anything.
 */
class RealtimeLoaderTooLargeIT {
  static final Instant DAY = Instant.parse("2001-01-14T21:05:00Z");
  static LocalOpenSearch node;

  @TempDir Path contracts;

  @BeforeAll
  static void start() {
    node = LocalOpenSearch.inTempDir(Map.of("http.max_content_length", "16kb")).start();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void splitsRequestsTheClusterFindsTooLargeAndDeadLettersADocumentTooLargeAlone() {
    String bootstrap = SharedKafka.bootstrapServers();
    String prefix = SharedKafka.createTopics(3, "t.enriched", "t.enriched.dlq", "t.loader.dlq");
    StageConfig config = TestStages.pipeline("t", prefix, bootstrap);
    String indexPrefix = "big-" + UUID.randomUUID().toString().substring(0, 8);
    RealtimeLoaderSpec spec = new RealtimeLoaderSpec();
    spec.setUrl(node.url());
    spec.setIndexPrefix(indexPrefix);
    spec.setBulkMaxDocs(200);
    spec.setFlushInterval("500ms");
    config.getSpec().getLoaders().setRealtime(spec);
    TestContracts.write(
        contracts, "flight-departed", "flight.departed", TestContracts.FLIGHT_SCHEMA, null);
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      records.add(record(config, "e-" + i, "San Francisco International"));
    }
    // about 40 KB of document: more than the node takes in one request
    records.add(record(config, "huge", "x".repeat(40_000)));
    String enriched = config.getTopics().getEnriched();
    try (var producer = TestEvents.producer(bootstrap)) {
      TestEvents.send(producer, records);
    }

    try (var ctx =
            TestStages.context(
                TestStages.runtime(StageName.REALTIME_LOADER, config, contracts, Map.of()));
        var loader = new RealtimeLoader(ctx.stage())) {
      loader.start();
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> KafkaOffsets.committed(bootstrap, "t-realtime-loader", enriched) == 201);
      assertThat(loader.isReady()).isTrue();
      assertThat(ctx.stage().registry().counter("sluice.loader.bulk.splits").count())
          .isGreaterThan(0);
    }
    SearchQueries search = new SearchQueries(node.url());
    assertThat(search.count(indexPrefix + "-2*", null)).isEqualTo(200);
    assertThat(search.ids(indexPrefix + "-2001.01.14")).doesNotContain("huge@/test/collector");

    List<ConsumerRecord<byte[], byte[]>> dead =
        TopicRecords.read(bootstrap, config.getTopics().getLoaderDeadLetter(), 1);
    assertThat(dead).hasSize(1);
    assertThat(header(dead.getFirst(), "ce_id")).isEqualTo("huge");
    assertThat(header(dead.getFirst(), DeadLetterHeaders.CLASS)).isEqualTo("IndexingFailed");
    assertThat(header(dead.getFirst(), DeadLetterHeaders.MESSAGE))
        .startsWith("request_entity_too_large: ")
        .contains("http.max_content_length");
  }

  static ProducerRecord<byte[], byte[]> record(StageConfig config, String id, String originName) {
    CloudEvent e =
        TestEvents.event(
            "flight.departed",
            id,
            DAY,
            DAY,
            Map.of("delay", 3, "distance", 300, "origin", "SFO", "origin_name", originName));
    return TestEvents.record(config.getTopics().getEnriched(), e);
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
