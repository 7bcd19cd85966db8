package dev.sluice.runtime.curation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.luben.zstd.ZstdOutputStream;
import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.BatchFormat;
import dev.sluice.api.v1alpha1.BatchLoaderSpec;
import dev.sluice.api.v1alpha1.CompletenessRule;
import dev.sluice.api.v1alpha1.CurationSpec;
import dev.sluice.api.v1alpha1.ObjectStoreSpec;
import dev.sluice.api.v1alpha1.Sla;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.loader.batch.ObjectLayout;
import dev.sluice.runtime.objectstore.MinioObjectStore;
import dev.sluice.runtime.objectstore.StoredObject;
import dev.sluice.runtime.testing.LocalMinio;
import dev.sluice.runtime.testing.ParquetRows;
import dev.sluice.runtime.testing.TestContracts;
import dev.sluice.runtime.testing.TestEvents;
import dev.sluice.runtime.testing.TestStages;
import io.cloudevents.CloudEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Curation against a real MinIO server: batch objects with injected duplicates, late events and
 * nulls; exact counts in the report; curated Parquet read back with parquet-java.
 */
class CurationIT {
  static final String TYPE = "flight.departed";
  static final Instant HOUR = Instant.parse("2001-01-14T21:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  StageConfig config;
  MinioObjectStore store;
  String raw;
  String curated;
  Map<String, String> env;

  @BeforeEach
  void setUp() {
    LocalMinio minio = LocalMinio.shared();
    store = minio.store();
    String id = UUID.randomUUID().toString().substring(0, 8);
    raw = "raw-" + id;
    curated = "curated-" + id;
    config = TestStages.pipeline("c", "", "127.0.0.1:1");
    ObjectStoreSpec os = new ObjectStoreSpec();
    os.setEndpoint(minio.endpoint());
    config.getSpec().setObjectStore(os);
    BatchLoaderSpec batch = new BatchLoaderSpec();
    batch.setBucket(raw);
    batch.setFormat(BatchFormat.JSONL_GZ);
    config.getSpec().getLoaders().setBatch(batch);
    CurationSpec curation = new CurationSpec();
    curation.setBucket(curated);
    config.getSpec().setCuration(curation);
    env =
        Map.of(
            "SLUICE_OBJECTSTORE_ACCESS_KEY", LocalMinio.ACCESS_KEY,
            "SLUICE_OBJECTSTORE_SECRET_KEY", LocalMinio.SECRET_KEY);
    Sla sla = new Sla();
    sla.setFreshness("15m");
    sla.setMaxLateRatio(0.01);
    sla.setMinRowsPerWindow(50L);
    sla.setCompleteness(List.of(rule("delay", 0.1), rule("origin", 0.0)));
    TestContracts.write(dir.resolve("contracts"), "flight-departed", TYPE, "{}", sla);
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void deduplicatesKeepingTheEarliestReceivedAndCountsLateEventsAndNullsExactly() throws Exception {
    writeWindowObjects();

    int exit = run("2001-01-14T21");

    assertThat(exit).isEqualTo(CurationJob.SLA_FAILED);
    JsonNode report = report("flight.departed/dt=2001-01-14/hr=21/_quality.json");
    assertThat(report.path("inputObjects").asInt()).isEqualTo(2);
    assertThat(report.path("inputRows").asLong()).isEqualTo(111);
    assertThat(report.path("duplicates").asLong()).isEqualTo(11);
    assertThat(report.path("rows").asLong()).isEqualTo(100);
    assertThat(report.path("freshness").path("late").asLong()).isEqualTo(3);
    assertThat(report.path("freshness").path("lateRatio").asDouble()).isEqualTo(0.03);
    assertThat(report.path("freshness").path("passed").asBoolean()).isFalse();
    assertThat(report.path("completeness").get(0).path("nulls").asLong()).isEqualTo(5);
    assertThat(report.path("completeness").get(0).path("passed").asBoolean()).isTrue();
    assertThat(report.path("completeness").get(1).path("field").asText()).isEqualTo("origin");
    assertThat(report.path("completeness").get(1).path("nulls").asLong()).isEqualTo(2);
    assertThat(report.path("completeness").get(1).path("passed").asBoolean()).isFalse();
    assertThat(report.path("minRows").path("actual").asLong()).isEqualTo(100);
    assertThat(report.path("minRows").path("passed").asBoolean()).isTrue();
    assertThat(report.path("passed").asBoolean()).isFalse();

    List<Map<String, Object>> rows = curatedRows("flight.departed/dt=2001-01-14/hr=21/");
    assertThat(rows).hasSize(100);
    Set<Object> ids = new HashSet<>();
    rows.forEach(r -> ids.add(r.get("id")));
    assertThat(ids).hasSize(100);
    Map<String, Object> e15 =
        rows.stream().filter(r -> "e-15".equals(r.get("id"))).findFirst().orElseThrow();
    // the copy received one minute after its event time was kept, not the one 20 minutes late
    long expectedMicros = time(15).plusSeconds(60).toEpochMilli() * 1000;
    assertThat(e15.get("sluicereceivedat")).isEqualTo(expectedMicros);
  }

  @Test
  void aRerunReplacesItsOutputAndADayWindowCoversTheSameEvents() throws Exception {
    writeWindowObjects();
    store.ensureBucket(curated);
    String stale = "flight.departed/dt=2001-01-14/hr=21/part-00007.parquet";
    store.put(curated, stale, new byte[] {1, 2, 3}, "application/octet-stream");

    run("2001-01-14T21");
    int exit = run("2001-01-14T21");

    assertThat(exit).isEqualTo(CurationJob.SLA_FAILED);
    List<String> keys =
        store.list(curated, "flight.departed/").stream().map(StoredObject::key).toList();
    assertThat(keys)
        .containsExactlyInAnyOrder(
            "flight.departed/dt=2001-01-14/hr=21/_quality.json",
            "flight.departed/dt=2001-01-14/hr=21/part-00000.parquet");
    assertThat(curatedRows("flight.departed/dt=2001-01-14/hr=21/")).hasSize(100);

    run("2001-01-14");
    JsonNode day = report("flight.departed/dt=2001-01-14/_quality.json");
    assertThat(day.path("window").asText()).isEqualTo("2001-01-14");
    assertThat(day.path("rows").asLong()).isEqualTo(100);
    assertThat(day.path("duplicates").asLong()).isEqualTo(11);
  }

  @Test
  void anEmptyWindowFailsItsMinimumRowCountAndStillWritesItsReport() throws Exception {
    int exit = run("2001-01-14T03");

    assertThat(exit).isEqualTo(CurationJob.SLA_FAILED);
    JsonNode report = report("flight.departed/dt=2001-01-14/hr=03/_quality.json");
    assertThat(report.path("rows").asLong()).isZero();
    assertThat(report.path("minRows").path("passed").asBoolean()).isFalse();
    assertThat(report.path("freshness").path("passed").asBoolean()).isTrue();
  }

  int run(String window) throws Exception {
    return CurationJob.run(
        TestStages.runtime(StageName.CURATION, config, dir.resolve("contracts"), env),
        window,
        Clock.fixed(Instant.parse("2001-01-15T00:10:00Z"), ZoneOffset.UTC));
  }

  static Instant time(int i) {
    return HOUR.plusSeconds(i * 30L);
  }

  /**
   * 100 events in one gzip object; 11 of them again in a replayed object, written as zstd (the
   * pipeline switched format in the window, which must not hide either object). Late (received over
   * 15 min after event time): e-5, e-15, e-25, e-35 — but e-15's replayed copy was received after
   * one minute, so the kept copy of e-15 is on time. Nulls: delay null for e-0/20/40/60/80, origin
   * missing for e-1 and e-2.
   */
  void writeWindowObjects() throws Exception {
    List<CloudEvent> first = new ArrayList<>();
    List<CloudEvent> replay = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      boolean late = i % 10 == 5 && i < 40;
      first.add(event(i, time(i).plusSeconds(late ? 1200 : 10)));
      if (i < 10) {
        replay.add(event(i, time(i).plusSeconds(3600)));
      }
    }
    replay.add(event(15, time(15).plusSeconds(60)));
    store.ensureBucket(raw);
    ObjectLayout layout = new ObjectLayout("events");
    String dir = layout.hourDirectory(TYPE, HOUR);
    store.put(raw, dir + "c.enriched-0-0-99.jsonl.gz", gzip(first), "application/gzip");
    store.put(raw, dir + "c.enriched-1-0-10.jsonl.zst", zstd(replay), "application/zstd");
  }

  static CloudEvent event(int i, Instant received) {
    Map<String, Object> data = new HashMap<>();
    data.put("delay", i % 20 == 0 ? null : i);
    if (i != 1 && i != 2) {
      data.put("origin", "SFO");
    }
    data.put("distance", 100 + i);
    return TestEvents.event(TYPE, "e-" + i, time(i), received, data);
  }

  static byte[] gzip(List<CloudEvent> events) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      writeLines(events, out);
    }
    return bytes.toByteArray();
  }

  static byte[] zstd(List<CloudEvent> events) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZstdOutputStream out = new ZstdOutputStream(bytes)) {
      writeLines(events, out);
    }
    return bytes.toByteArray();
  }

  private static void writeLines(List<CloudEvent> events, OutputStream out) throws IOException {
    for (CloudEvent e : events) {
      out.write(TestEvents.structured(e));
      out.write('\n');
    }
  }

  JsonNode report(String key) throws Exception {
    Path local = dir.resolve("report.json");
    store.download(curated, key, local);
    return JSON.readTree(local.toFile());
  }

  List<Map<String, Object>> curatedRows(String prefix) throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (StoredObject o : store.list(curated, prefix)) {
      if (o.key().endsWith(".parquet")) {
        Path local = Files.createTempFile(dir, "curated-", ".parquet");
        store.download(curated, o.key(), local);
        rows.addAll(ParquetRows.read(local));
      }
    }
    return rows;
  }

  static CompletenessRule rule(String field, double max) {
    CompletenessRule r = new CompletenessRule();
    r.setField(field);
    r.setMaxNullRatio(max);
    return r;
  }
}
