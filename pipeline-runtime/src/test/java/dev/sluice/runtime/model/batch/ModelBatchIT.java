package dev.sluice.runtime.model.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.BatchFormat;
import dev.sluice.api.v1alpha1.BatchLoaderSpec;
import dev.sluice.api.v1alpha1.CurationSpec;
import dev.sluice.api.v1alpha1.ObjectStoreSpec;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.cli.SluiceCli;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.curation.CurationJob;
import dev.sluice.runtime.loader.batch.ObjectLayout;
import dev.sluice.runtime.model.RunningStage;
import dev.sluice.runtime.model.features.FeatureExtractor;
import dev.sluice.runtime.model.registry.ModelRegistry;
import dev.sluice.runtime.model.server.OnnxModel;
import dev.sluice.runtime.model.server.Tensor;
import dev.sluice.runtime.objectstore.MinioObjectStore;
import dev.sluice.runtime.objectstore.StoredObject;
import dev.sluice.runtime.testing.LocalMinio;
import dev.sluice.runtime.testing.ParquetRows;
import dev.sluice.runtime.testing.TestContracts;
import dev.sluice.runtime.testing.TestEvents;
import dev.sluice.runtime.testing.TestStages;
import io.cloudevents.CloudEvent;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model batch job on a real MinIO server: enriched flight events stored as the batch loader
 * stores them, curated by the real curation job, then predicted with the registry fixture models
 * (stored in a MinIO bucket). Predictions are read back with parquet-java and compared with the
 * model run directly on the same features.
 */
class ModelBatchIT {
  static final String TYPE = "flight.departed";
  static final Instant DAY = Instant.parse("2001-01-14T00:00:00Z");
  static final ObjectMapper JSON = new ObjectMapper();

  /** IATA code → latitude, longitude, as the enricher's airport lookup adds them (strings). */
  static final Map<String, String[]> AIRPORTS =
      Map.of(
          "ATL", new String[] {"33.64044444", "-84.42694444"},
          "LAX", new String[] {"33.94253611", "-118.4080744"},
          "ORD", new String[] {"41.979595", "-87.90446417"},
          "LGA", new String[] {"40.77724306", "-73.87260917"},
          "SFO", new String[] {"37.61900194", "-122.3748433"});

  static final String[] CODES = {"ATL", "LAX", "ORD", "LGA", "SFO"};

  @TempDir Path dir;
  MinioObjectStore store;
  String raw;
  String curated;
  String models;
  Map<String, String> env;
  LocalMinio minio;

  /** Every flight event's data by id, as produced. */
  Map<String, Map<String, Object>> flights = new LinkedHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    minio = LocalMinio.shared();
    store = minio.store();
    String id = UUID.randomUUID().toString().substring(0, 8);
    raw = "raw-" + id;
    curated = "curated-" + id;
    models = "models-" + id;
    env =
        Map.of(
            "SLUICE_OBJECTSTORE_ACCESS_KEY", LocalMinio.ACCESS_KEY,
            "SLUICE_OBJECTSTORE_SECRET_KEY", LocalMinio.SECRET_KEY);
    store.ensureBucket(models);
    ModelRegistry fixtures = ModelRegistry.inDirectory(RunningStage.fixtureRegistry());
    ModelRegistry registry = new ModelRegistry(store, models);
    for (String version : new String[] {"1", "2"}) {
      ModelRegistry.LoadedModel m = fixtures.load("flight-delay", version);
      registry.publish(m.metadata(), m.onnx());
    }
    registry.setAlias("flight-delay", ModelRegistry.PRODUCTION, "1");
  }

  @AfterEach
  void tearDown() {
    store.close();
  }

  @Test
  void predictsTheCuratedWindowBesideItAndListsRowsWithoutFeatures() throws Exception {
    storeAndCurateFlights();

    int exit = runBatch("production", "2001-01-14", Map.of());

    assertThat(exit).isEqualTo(ModelBatchJob.ROWS_REJECTED);
    JsonNode report = report("flight.departed/dt=2001-01-14/_predictions-flight-delay-1.json");
    assertThat(report.path("version").asText()).isEqualTo("1");
    assertThat(report.path("requestedVersion").asText()).isEqualTo("production");
    assertThat(report.path("inputObjects").asInt()).isEqualTo(2);
    assertThat(report.path("inputRows").asLong()).isEqualTo(60);
    assertThat(report.path("predicted").asLong()).isEqualTo(56);
    assertThat(report.path("rejected").asLong()).isEqualTo(4);
    assertThat(report.path("rejectionsTruncated").asBoolean()).isFalse();
    List<String> rejected = new ArrayList<>();
    for (JsonNode r : report.path("rejections")) {
      rejected.add(r.path("id").asText() + " " + r.path("field").asText());
      assertThat(r.path("object").asText()).endsWith("/part-00000.parquet");
      assertThat(r.path("reason").asText()).contains("is missing");
    }
    assertThat(rejected)
        .containsExactlyInAnyOrder(
            "f-7 /data/origin_lat",
            "f-19 /data/origin_lat",
            "f-31 /data/destination_lat",
            "f-43 /data/destination_lat");
    long classes = 0;
    for (JsonNode n : report.path("predictedClasses")) {
      classes += n.asLong();
    }
    assertThat(classes).isEqualTo(56);

    Map<String, Map<String, Object>> predictions = new HashMap<>();
    for (String hour : new String[] {"21", "22"}) {
      String key =
          "flight.departed/dt=2001-01-14/hr=" + hour + "/predictions-flight-delay-1.parquet";
      for (Map<String, Object> row : read(key)) {
        assertThat(predictions.put((String) row.get("id"), row)).isNull();
        assertThat(row.get("time").toString()).isNotEmpty();
      }
    }
    assertThat(predictions).hasSize(56);
    assertSameAsTheModelRunDirectly("1", predictions);
  }

  @Test
  void aRerunReplacesItsOutputAndRemovesPredictionsOfHoursWithoutInput() throws Exception {
    storeAndCurateFlights();
    String stale = "flight.departed/dt=2001-01-14/hr=03/predictions-flight-delay-2.parquet";
    store.put(curated, stale, new byte[] {1, 2, 3}, "application/octet-stream");

    runBatch("2", "2001-01-14T21", Map.of());
    List<Map<String, Object>> first =
        read("flight.departed/dt=2001-01-14/hr=21/predictions-flight-delay-2.parquet");
    int exit = runBatch("2", "2001-01-14", Map.of("maxListedRejections", "1"));

    assertThat(exit).isEqualTo(ModelBatchJob.ROWS_REJECTED);
    List<String> keys =
        store.list(curated, "flight.departed/").stream()
            .map(StoredObject::key)
            .filter(k -> k.contains("predictions-"))
            .toList();
    assertThat(keys)
        .containsExactlyInAnyOrder(
            "flight.departed/dt=2001-01-14/hr=21/predictions-flight-delay-2.parquet",
            "flight.departed/dt=2001-01-14/hr=21/_predictions-flight-delay-2.json",
            "flight.departed/dt=2001-01-14/hr=22/predictions-flight-delay-2.parquet",
            "flight.departed/dt=2001-01-14/_predictions-flight-delay-2.json");
    assertThat(read("flight.departed/dt=2001-01-14/hr=21/predictions-flight-delay-2.parquet"))
        .isEqualTo(first);
    JsonNode day = report("flight.departed/dt=2001-01-14/_predictions-flight-delay-2.json");
    assertThat(day.path("rejected").asLong()).isEqualTo(4);
    assertThat(day.path("rejections")).hasSize(1);
    assertThat(day.path("rejectionsTruncated").asBoolean()).isTrue();
    Map<String, Map<String, Object>> predictions = new HashMap<>();
    for (String hour : new String[] {"21", "22"}) {
      read("flight.departed/dt=2001-01-14/hr=" + hour + "/predictions-flight-delay-2.parquet")
          .forEach(r -> predictions.put((String) r.get("id"), r));
    }
    assertSameAsTheModelRunDirectly("2", predictions);
  }

  @Test
  void aWindowWhoseRowsAllHaveTheirFeaturesExitsZero() throws Exception {
    storeAndCurateFlights();

    // hour 23 holds no input: nothing to predict, nothing rejected
    assertThat(runBatch("1", "2001-01-14T23", Map.of())).isEqualTo(ModelBatchJob.OK);
    JsonNode report =
        report("flight.departed/dt=2001-01-14/hr=23/_predictions-flight-delay-1.json");
    assertThat(report.path("inputRows").asLong()).isZero();
    assertThat(report.path("outputs")).isEmpty();
  }

  @Test
  void aBadWindowExitsTwoNamingTheOption() throws Exception {
    Path file = Files.writeString(dir.resolve("batch.yaml"), batchYaml("1", Map.of()));
    int exit =
        SluiceCli.commandLine()
            .execute("--stage", "model-batch", "--config", file.toString(), "--window", "soon");
    assertThat(exit).isEqualTo(2);
  }

  /**
   * 60 flights on 2001-01-14, 30 in hour 21 and 30 in hour 22: f-7 and f-19 leave from an airport
   * the lookup does not know (no origin coordinates), f-31 and f-43 go to one (no destination
   * coordinates). They are stored as batch-loader objects and curated by the curation job.
   */
  void storeAndCurateFlights() throws Exception {
    List<CloudEvent> hour21 = new ArrayList<>();
    List<CloudEvent> hour22 = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      Instant time = DAY.plusSeconds(21 * 3600 + i * 120L);
      String origin = i == 7 || i == 19 ? "XQX" : CODES[i % CODES.length];
      String destination = i == 31 || i == 43 ? "XQX" : CODES[(i + 2) % CODES.length];
      Map<String, Object> data = new LinkedHashMap<>();
      String local = time.toString().substring(0, 16).replace('-', '/').replace('T', ' ');
      data.put("date", local);
      data.put("delay", (i * 7) % 40 - 5);
      data.put("distance", 200 + i * 37);
      data.put("origin", origin);
      data.put("destination", destination);
      if (AIRPORTS.containsKey(origin)) {
        data.put("origin_lat", AIRPORTS.get(origin)[0]);
        data.put("origin_lon", AIRPORTS.get(origin)[1]);
      }
      if (AIRPORTS.containsKey(destination)) {
        data.put("destination_lat", AIRPORTS.get(destination)[0]);
        data.put("destination_lon", AIRPORTS.get(destination)[1]);
      }
      flights.put("f-" + i, data);
      CloudEvent e = TestEvents.event(TYPE, "f-" + i, time, time.plusSeconds(5), data);
      (i < 30 ? hour21 : hour22).add(e);
    }
    store.ensureBucket(raw);
    ObjectLayout layout = new ObjectLayout("events");
    store.put(
        raw,
        layout.hourDirectory(TYPE, DAY.plusSeconds(21 * 3600)) + "f.enriched-0-0-29.jsonl.gz",
        gzip(hour21),
        "application/gzip");
    store.put(
        raw,
        layout.hourDirectory(TYPE, DAY.plusSeconds(22 * 3600)) + "f.enriched-0-30-59.jsonl.gz",
        gzip(hour22),
        "application/gzip");

    StageConfig pipeline = TestStages.pipeline("flights", "", "127.0.0.1:1");
    ObjectStoreSpec os = new ObjectStoreSpec();
    os.setEndpoint(minio.endpoint());
    pipeline.getSpec().setObjectStore(os);
    BatchLoaderSpec batch = new BatchLoaderSpec();
    batch.setBucket(raw);
    batch.setFormat(BatchFormat.JSONL_GZ);
    pipeline.getSpec().getLoaders().setBatch(batch);
    CurationSpec curation = new CurationSpec();
    curation.setBucket(curated);
    pipeline.getSpec().setCuration(curation);
    TestContracts.write(dir.resolve("contracts"), "flight-departed", TYPE, "{}", null);
    int exit =
        CurationJob.run(
            TestStages.runtime(StageName.CURATION, pipeline, dir.resolve("contracts"), env),
            "2001-01-14",
            Clock.systemUTC());
    assertThat(exit).isEqualTo(CurationJob.OK);
  }

  int runBatch(String version, String window, Map<String, String> extra) throws Exception {
    Path file = Files.writeString(dir.resolve("batch.yaml"), batchYaml(version, extra));
    RuntimeConfig config = RuntimeConfig.load("model-batch", file, env);
    return ModelBatchJob.run(
        config, window, Clock.fixed(Instant.parse("2001-01-15T00:30:00Z"), ZoneOffset.UTC));
  }

  String batchYaml(String version, Map<String, String> extra) {
    StringBuilder yaml =
        new StringBuilder(
            """
            deployment: flight-delay-batch
            batch:
              model: flight-delay
              version: "%s"
              registry: {bucket: %s, endpoint: "%s"}
              input: {bucket: %s, prefix: flight.departed}
              batchSize: 16
            """
                .formatted(version, models, minio.endpoint(), curated));
    extra.forEach((k, v) -> yaml.append("  ").append(k).append(": ").append(v).append('\n'));
    return yaml.toString();
  }

  /** Each prediction equals the model's output on the flight's features, computed directly. */
  void assertSameAsTheModelRunDirectly(String version, Map<String, Map<String, Object>> predictions)
      throws Exception {
    ModelRegistry.LoadedModel m =
        ModelRegistry.inDirectory(RunningStage.fixtureRegistry()).load("flight-delay", version);
    FeatureExtractor features = new FeatureExtractor(m.metadata().inputs().getFirst().features());
    try (OnnxModel model = new OnnxModel(m.onnx(), m.metadata())) {
      for (var p : predictions.entrySet()) {
        float[] row = features.extract(JSON.valueToTree(flights.get(p.getKey())));
        Tensor out =
            model
                .run(List.of(new Tensor("features", "FP32", new long[] {1, row.length}, row)))
                .getFirst();
        @SuppressWarnings("unchecked")
        List<Object> output = (List<Object>) p.getValue().get("output");
        assertThat(output).hasSize(2);
        assertThat(((Number) output.get(0)).doubleValue()).isCloseTo(out.valueAt(0), within(1e-6));
        assertThat(((Number) output.get(1)).doubleValue()).isCloseTo(out.valueAt(1), within(1e-6));
        String label = out.valueAt(1) > out.valueAt(0) ? "delayed" : "on-time";
        assertThat(p.getValue().get("predicted")).isEqualTo(label);
        assertThat(p.getValue().get("model")).isEqualTo("flight-delay");
        assertThat(p.getValue().get("version")).isEqualTo(version);
      }
    }
  }

  List<Map<String, Object>> read(String key) throws Exception {
    Path local = Files.createTempFile(dir, "predictions-", ".parquet");
    store.download(curated, key, local);
    return ParquetRows.read(local);
  }

  JsonNode report(String key) throws Exception {
    return JSON.readTree(store.get(curated, key, 1024 * 1024).orElseThrow());
  }

  static byte[] gzip(List<CloudEvent> events) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      for (CloudEvent e : events) {
        out.write(TestEvents.structured(e));
        out.write('\n');
      }
    }
    return bytes.toByteArray();
  }
}
