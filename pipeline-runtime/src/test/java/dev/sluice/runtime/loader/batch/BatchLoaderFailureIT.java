package dev.sluice.runtime.loader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.BatchLoaderSpec;
import dev.sluice.api.v1alpha1.ObjectStoreSpec;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.loader.CrashingLoader;
import dev.sluice.runtime.loader.CrashingLoaderMain;
import dev.sluice.runtime.objectstore.MinioObjectStore;
import dev.sluice.runtime.testing.KafkaOffsets;
import dev.sluice.runtime.testing.LocalMinio;
import dev.sluice.runtime.testing.SharedKafka;
import dev.sluice.runtime.testing.StoredEvents;
import dev.sluice.runtime.testing.TestEvents;
import dev.sluice.runtime.testing.TestStages;
import io.cloudevents.CloudEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch loader through a crash between object write and commit, and through an outage of a real
 * MinIO server: every event stored exactly once, nothing committed while MinIO is down.
 */
class BatchLoaderFailureIT {
  static final Instant HOUR = Instant.parse("2001-01-14T21:00:00Z");

  @TempDir Path dir;
  String bootstrap;
  String bucket;
  StageConfig config;

  @BeforeEach
  void setUp() {
    bootstrap = SharedKafka.bootstrapServers();
    String prefix = SharedKafka.createTopics(3, "f.enriched", "f.loader.dlq");
    config = TestStages.pipeline("f", prefix, bootstrap);
    bucket = "raw-" + UUID.randomUUID().toString().substring(0, 8);
    BatchLoaderSpec spec = new BatchLoaderSpec();
    spec.setBucket(bucket);
    spec.setFlushRecords(40);
    spec.setFlushInterval("60s");
    config.getSpec().getLoaders().setBatch(spec);
    config.setContractsDir(dir.toString());
  }

  @Test
  void aCrashAfterTheObjectWriteAndBeforeTheCommitNeitherDuplicatesNorLosesEvents()
      throws Exception {
    LocalMinio minio = LocalMinio.shared();
    Map<String, String> env = useMinio(minio);
    send(0, 300);

    int exit = CrashingLoader.runUntilCrash(StageName.BATCH_LOADER, config, dir, env, 3, 180);

    assertThat(exit).isEqualTo(CrashingLoaderMain.CRASH_EXIT);
    long committedAtCrash = committed();
    List<String> storedAtCrash = storedIds(minio);
    // the crash left objects written whose offsets were not committed: the third flush's at
    // least, and those the workers stored meanwhile for other partitions
    assertThat(committedAtCrash).isEqualTo(80);
    assertThat(storedAtCrash.size()).isGreaterThanOrEqualTo(120);

    config.getSpec().getLoaders().getBatch().setFlushInterval("1s");
    try (var ctx =
            TestStages.context(TestStages.runtime(StageName.BATCH_LOADER, config, dir, env));
        var loader = new BatchLoader(ctx.stage())) {
      loader.start();
      await().atMost(Duration.ofSeconds(90)).until(() -> committed() == 300);
    }
    assertExactlyOnce(storedIds(minio), 300);
  }

  @Test
  void whileMinioIsDownNothingIsCommittedAndLoadingResumesAfterwards() throws Exception {
    try (LocalMinio minio = LocalMinio.inTempDir().start()) {
      Map<String, String> env = useMinio(minio);
      config.getSpec().getLoaders().getBatch().setFlushInterval("500ms");
      try (var ctx =
              TestStages.context(TestStages.runtime(StageName.BATCH_LOADER, config, dir, env));
          var loader = new BatchLoader(ctx.stage())) {
        loader.start();
        send(0, 100);
        await().atMost(Duration.ofSeconds(60)).until(() -> committed() == 100);

        minio.stop();
        send(100, 200);
        await().atMost(Duration.ofSeconds(60)).until(() -> !loader.isReady());
        await()
            .during(Duration.ofSeconds(5))
            .atMost(Duration.ofSeconds(20))
            .until(() -> committed() == 100);

        minio.start();
        await().atMost(Duration.ofSeconds(120)).until(() -> committed() == 200);
        assertThat(loader.isReady()).isTrue();
      }
      assertExactlyOnce(storedIds(minio), 200);
    }
  }

  static void assertExactlyOnce(List<String> ids, int n) {
    assertThat(ids).hasSize(n);
    assertThat(new HashSet<>(ids))
        .isEqualTo(new HashSet<>(IntStream.range(0, n).mapToObj(i -> "ev-" + i).toList()));
  }

  Map<String, String> useMinio(LocalMinio minio) {
    ObjectStoreSpec os = new ObjectStoreSpec();
    os.setEndpoint(minio.endpoint());
    config.getSpec().setObjectStore(os);
    return Map.of(
        "SLUICE_OBJECTSTORE_ACCESS_KEY", LocalMinio.ACCESS_KEY,
        "SLUICE_OBJECTSTORE_SECRET_KEY", LocalMinio.SECRET_KEY);
  }

  List<String> storedIds(LocalMinio minio) throws Exception {
    List<String> ids = new ArrayList<>();
    try (MinioObjectStore store = minio.store()) {
      StoredEvents.read(store, bucket, "events/")
          .values()
          .forEach(events -> events.forEach(e -> ids.add(e.getId())));
    }
    return ids;
  }

  /** Events in two hours, so one flush writes several objects. */
  void send(int from, int to) {
    List<CloudEvent> events = new ArrayList<>();
    for (int i = from; i < to; i++) {
      Instant t = HOUR.plusSeconds((i % 2) * 3600L + i);
      events.add(TestEvents.event("flight.departed", "ev-" + i, t, t, Map.of("n", i)));
    }
    try (var producer = TestEvents.producer(bootstrap)) {
      TestEvents.send(
          producer,
          events.stream()
              .map(e -> TestEvents.record(config.getTopics().getEnriched(), e))
              .toList());
    }
  }

  long committed() {
    return KafkaOffsets.committed(bootstrap, "f-batch-loader", config.getTopics().getEnriched());
  }
}
