package dev.sluice.runtime.loader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.BatchFormat;
import dev.sluice.api.v1alpha1.BatchLoaderSpec;
import dev.sluice.api.v1alpha1.ObjectStoreSpec;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.objectstore.DirectoryObjectStore;
import dev.sluice.runtime.objectstore.ObjectStore;
import dev.sluice.runtime.objectstore.StoredObject;
import dev.sluice.runtime.testing.KafkaOffsets;
import dev.sluice.runtime.testing.LocalMinio;
import dev.sluice.runtime.testing.ParquetRows;
import dev.sluice.runtime.testing.SharedKafka;
import dev.sluice.runtime.testing.StoredEvents;
import dev.sluice.runtime.testing.TestEvents;
import dev.sluice.runtime.testing.TestStages;
import dev.sluice.runtime.testing.TopicRecords;
import io.cloudevents.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The batch loader against a real Kafka broker and a real MinIO server (and a directory). */
class BatchLoaderIT {
  static final Instant HOUR = Instant.parse("2001-01-14T21:00:00Z");
  static final Pattern KEY =
      Pattern.compile(
          "events/type=(flight\\.departed|page%2Fviewed)/dt=2001-01-14/hr=(21|22)/"
              + "(\\S+\\.enriched)-([0-2])-(\\d+)-(\\d+)\\.(jsonl\\.gz|jsonl\\.zst|parquet)");

  @TempDir Path dir;
  String bootstrap;
  String bucket;
  StageConfig config;

  @BeforeEach
  void setUp() {
    bootstrap = SharedKafka.bootstrapServers();
    String prefix = SharedKafka.createTopics(3, "b.enriched", "b.loader.dlq");
    config = TestStages.pipeline("b", prefix, bootstrap);
    bucket = "raw-" + UUID.randomUUID().toString().substring(0, 8);
    BatchLoaderSpec spec = new BatchLoaderSpec();
    spec.setBucket(bucket);
    spec.setPrefix("events");
    spec.setFlushRecords(40);
    spec.setFlushInterval("500ms");
    config.getSpec().getLoaders().setBatch(spec);
  }

  @ParameterizedTest
  @EnumSource(names = {"JSONL_GZ", "JSONL_ZST"})
  void writesJsonLinesPerTypeAndHourToMinioAndCommitsAfterTheWrite(BatchFormat format)
      throws Exception {
    config.getSpec().getLoaders().getBatch().setFormat(format);
    LocalMinio minio = LocalMinio.shared();
    ObjectStoreSpec os = new ObjectStoreSpec();
    os.setEndpoint(minio.endpoint());
    config.getSpec().setObjectStore(os);
    Map<String, String> env =
        Map.of(
            "SLUICE_OBJECTSTORE_ACCESS_KEY", LocalMinio.ACCESS_KEY,
            "SLUICE_OBJECTSTORE_SECRET_KEY", LocalMinio.SECRET_KEY);
    List<CloudEvent> sent = produce(300);
    send(List.of(new ProducerRecord<>(config.getTopics().getEnriched(), "x".getBytes())));

    try (var ctx =
            TestStages.context(TestStages.runtime(StageName.BATCH_LOADER, config, dir, env));
        var loader = new BatchLoader(ctx.stage())) {
      loader.start();
      await().atMost(Duration.ofSeconds(90)).until(() -> committed() == 301);
      assertThat(loader.isReady()).isTrue();
    }
    try (ObjectStore store = minio.store()) {
      assertStored(store, sent, ObjectLayout.extension(format));
      var objects = StoredEvents.read(store, bucket, "events/");
      objects.forEach(
          (key, events) -> {
            var m = KEY.matcher(key);
            assertThat(m.matches()).as(key).isTrue();
            String type = m.group(1).replace("%2F", "/");
            for (CloudEvent e : events) {
              assertThat(e.getType()).isEqualTo(type);
              assertThat(e.getTime().toInstant().truncatedTo(ChronoUnit.HOURS).toString())
                  .endsWith("T" + m.group(2) + ":00:00Z");
              assertThat(e.getExtension("sluicereceivedat")).isNotNull();
            }
          });
    }
    var dead = TopicRecords.read(bootstrap, config.getTopics().getLoaderDeadLetter(), 1);
    assertThat(dead).hasSize(1);
    assertThat(
            new String(
                dead.getFirst().headers().lastHeader(DeadLetterHeaders.CLASS).value(),
                StandardCharsets.UTF_8))
        .isEqualTo("ObjectWriteFailed");
  }

  @Test
  void writesParquetToALocalDirectoryStoreWithTheSameLayout() throws Exception {
    config.getSpec().getLoaders().getBatch().setFormat(BatchFormat.PARQUET);
    Path root = Files.createDirectories(dir.resolve("objects"));
    Map<String, String> env = Map.of("SLUICE_OBJECTSTORE_DIR", root.toString());
    List<CloudEvent> sent = produce(120);

    try (var ctx =
            TestStages.context(TestStages.runtime(StageName.BATCH_LOADER, config, dir, env));
        var loader = new BatchLoader(ctx.stage())) {
      loader.start();
      await().atMost(Duration.ofSeconds(90)).until(() -> committed() == 120);
    }
    DirectoryObjectStore store = new DirectoryObjectStore(root);
    assertStored(store, sent, ".parquet");
    Set<String> ids = new HashSet<>();
    int rows = 0;
    for (StoredObject o : store.list(bucket, "events/")) {
      for (Map<String, Object> row : ParquetRows.read(root.resolve(bucket).resolve(o.key()))) {
        ids.add((String) row.get("id"));
        assertThat(row.get("data")).isInstanceOf(Map.class);
        rows++;
      }
    }
    assertThat(rows).isEqualTo(120);
    assertThat(ids).hasSize(120);
  }

  /** Every object matches the layout and the objects hold each sent event exactly once. */
  private void assertStored(ObjectStore store, List<CloudEvent> sent, String extension)
      throws Exception {
    List<StoredObject> objects = store.list(bucket, "events/");
    assertThat(objects).isNotEmpty();
    for (StoredObject o : objects) {
      var m = KEY.matcher(o.key());
      assertThat(m.matches()).as(o.key()).isTrue();
      assertThat(o.key()).endsWith(extension);
      assertThat(Long.parseLong(m.group(5))).isLessThanOrEqualTo(Long.parseLong(m.group(6)));
    }
    if (extension.startsWith(".jsonl")) {
      List<String> ids = new ArrayList<>();
      StoredEvents.read(store, bucket, "events/")
          .values()
          .forEach(events -> events.forEach(e -> ids.add(e.getId())));
      assertThat(ids).hasSize(sent.size());
      assertThat(new HashSet<>(ids)).isEqualTo(sentIds(sent));
    }
  }

  private static Set<String> sentIds(List<CloudEvent> sent) {
    Set<String> ids = new HashSet<>();
    sent.forEach(e -> ids.add(e.getId()));
    return ids;
  }

  private List<CloudEvent> produce(int n) {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Instant t = HOUR.plusSeconds((i % 2) * 3600L + i);
      String type = i % 3 == 0 ? "page/viewed" : "flight.departed";
      events.add(TestEvents.event(type, "ev-" + i, t, t.plusSeconds(2), Map.of("n", i)));
    }
    send(events.stream().map(e -> TestEvents.record(config.getTopics().getEnriched(), e)).toList());
    return events;
  }

  long committed() {
    return KafkaOffsets.committed(bootstrap, "b-batch-loader", config.getTopics().getEnriched());
  }

  void send(List<ProducerRecord<byte[], byte[]>> records) {
    try (var producer = TestEvents.producer(bootstrap)) {
      TestEvents.send(producer, records);
    }
  }
}
