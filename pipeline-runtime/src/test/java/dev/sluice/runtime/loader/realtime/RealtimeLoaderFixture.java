package dev.sluice.runtime.loader.realtime;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.RealtimeLoaderSpec;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.testing.KafkaOffsets;
import dev.sluice.runtime.testing.LocalOpenSearch;
import dev.sluice.runtime.testing.SearchQueries;
import dev.sluice.runtime.testing.SharedKafka;
import dev.sluice.runtime.testing.TestContracts;
import dev.sluice.runtime.testing.TestEvents;
import dev.sluice.runtime.testing.TestStages;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** What the real-time loader tests share: topics, a contract, an index prefix, the node. */
abstract class RealtimeLoaderFixture {
  static final String TYPE = "flight.departed";
  static final Instant DAY1 = Instant.parse("2001-01-14T21:05:00Z");
  static final Instant DAY2 = Instant.parse("2001-01-15T02:10:00Z");

  @TempDir Path contracts;
  String prefix;
  String indexPrefix;
  StageConfig config;
  SearchQueries search;
  String bootstrap;

  @BeforeEach
  void setUp() {
    bootstrap = SharedKafka.bootstrapServers();
    LocalOpenSearch os = node();
    search = new SearchQueries(os.url());
    prefix = SharedKafka.createTopics(3, "p.enriched", "p.enriched.dlq", "p.loader.dlq");
    indexPrefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
    config = TestStages.pipeline("p", prefix, bootstrap);
    RealtimeLoaderSpec spec = new RealtimeLoaderSpec();
    spec.setUrl(os.url());
    spec.setIndexPrefix(indexPrefix);
    spec.setBulkMaxDocs(50);
    spec.setFlushInterval("200ms");
    config.getSpec().getLoaders().setRealtime(spec);
    TestContracts.write(contracts, "flight-departed", TYPE, TestContracts.FLIGHT_SCHEMA, null);
  }

  /** The search node the tests run against: the shared OpenSearch node. */
  LocalOpenSearch node() {
    return LocalOpenSearch.shared();
  }

  /** The error type the node gives a document whose field does not fit its mapping. */
  String mappingErrorType() {
    return "mapper_parsing_exception";
  }

  RealtimeLoader loader(TestStages.Context ctx) {
    return new RealtimeLoader(ctx.stage());
  }

  TestStages.Context context() {
    return TestStages.context(
        TestStages.runtime(StageName.REALTIME_LOADER, config, contracts, Map.of()));
  }

  static Map<String, Object> flight(int i) {
    Map<String, Object> data = new HashMap<>();
    data.put("date", "2001/01/14 21:05");
    data.put("delay", i % 30);
    data.put("distance", 300 + i);
    data.put("origin", "SFO");
    data.put("origin_name", "San Francisco International");
    data.put("origin_lat", 37.62);
    data.put("origin_lon", -122.37);
    return data;
  }

  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  long committed(String topic) {
    return KafkaOffsets.committed(bootstrap, "p-realtime-loader", topic);
  }

  void send(List<ProducerRecord<byte[], byte[]>> records) {
    try (var producer = TestEvents.producer(bootstrap)) {
      TestEvents.send(producer, records);
    }
  }
}
