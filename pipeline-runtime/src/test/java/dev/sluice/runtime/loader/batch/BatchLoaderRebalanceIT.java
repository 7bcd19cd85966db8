package dev.sluice.runtime.loader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.BatchLoaderSpec;
import dev.sluice.api.v1alpha1.ObjectStoreSpec;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.config.RuntimeConfig;
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
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second batch loader joins the group: the first one flushes the buffers of the partitions it
 * gives up and commits them before the rebalance completes, so nothing is lost, nothing is written
 * twice, and the new owners start after what was flushed — long before the flush interval.
 */
class BatchLoaderRebalanceIT {
  static final Instant HOUR = Instant.parse("2001-01-14T21:00:00Z");

  @TempDir Path dir;

  @Test
  void revokedPartitionsAreFlushedAndCommittedBeforeTheyAreGivenUp() throws Exception {
    String bootstrap = SharedKafka.bootstrapServers();
    String prefix = SharedKafka.createTopics(3, "r.enriched", "r.loader.dlq");
    StageConfig config = TestStages.pipeline("r", prefix, bootstrap);
    String topic = config.getTopics().getEnriched();
    String bucket = "raw-" + UUID.randomUUID().toString().substring(0, 8);
    LocalMinio minio = LocalMinio.shared();
    BatchLoaderSpec spec = new BatchLoaderSpec();
    spec.setBucket(bucket);
    spec.setFlushRecords(50);
    // long enough that only the flush on revocation can store the buffered rest in this test
    spec.setFlushInterval("10m");
    config.getSpec().getLoaders().setBatch(spec);
    ObjectStoreSpec os = new ObjectStoreSpec();
    os.setEndpoint(minio.endpoint());
    config.getSpec().setObjectStore(os);
    Map<String, String> env =
        Map.of(
            "SLUICE_OBJECTSTORE_ACCESS_KEY", LocalMinio.ACCESS_KEY,
            "SLUICE_OBJECTSTORE_SECRET_KEY", LocalMinio.SECRET_KEY);
    send(topic, 0, 70);

    try (var a = TestStages.context(runtime(config, "loader-a", env));
        var first = new BatchLoader(a.stage())) {
      first.start();
      // 50 of each partition's 70 flushed by count; 20 each stay buffered (same poll)
      await().atMost(Duration.ofSeconds(60)).until(() -> committed(bootstrap, topic) == 150);

      try (var b = TestStages.context(runtime(config, "loader-b", env));
          var second = new BatchLoader(b.stage())) {
        second.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> committed(bootstrap, topic) == 210);

        // both go on consuming after the rebalance; their graceful stop flushes the rest
        send(topic, 70, 100);
      }
    }
    assertThat(committed(bootstrap, topic)).isEqualTo(300);

    try (MinioObjectStore store = minio.store()) {
      Map<String, List<CloudEvent>> objects = StoredEvents.read(store, bucket, "events/");
      Map<Integer, TreeSet<long[]>> ranges = new java.util.HashMap<>();
      List<String> ids = new ArrayList<>();
      objects.forEach(
          (key, events) -> {
            String[] r =
                key.substring(key.indexOf(".enriched-") + 10, key.indexOf(".jsonl")).split("-");
            ranges
                .computeIfAbsent(
                    Integer.parseInt(r[0]),
                    p -> new TreeSet<>(java.util.Comparator.comparingLong(x -> x[0])))
                .add(new long[] {Long.parseLong(r[1]), Long.parseLong(r[2])});
            events.forEach(e -> ids.add(e.getId()));
          });
      for (int p = 0; p < 3; p++) {
        List<String> flushes = ranges.get(p).stream().map(x -> x[0] + "-" + x[1]).toList();
        // 0-49 by count, 50-69 on revocation, then the rest up to 99 in order, no range twice
        assertThat(flushes.subList(0, 2)).as("partition %d", p).containsExactly("0-49", "50-69");
        long next = 0;
        for (long[] x : ranges.get(p)) {
          assertThat(x[0]).as("partition %d flushes %s", p, flushes).isEqualTo(next);
          next = x[1] + 1;
        }
        assertThat(next).as("partition %d flushes %s", p, flushes).isEqualTo(100);
      }
      assertThat(ids).hasSize(300).doesNotHaveDuplicates();
      assertThat(new TreeSet<>(ids))
          .isEqualTo(
              new TreeSet<>(
                  IntStream.range(0, 3)
                      .boxed()
                      .flatMap(p -> IntStream.range(0, 100).mapToObj(i -> "ev-" + p + "-" + i))
                      .toList()));
    }
  }

  static RuntimeConfig runtime(StageConfig config, String instance, Map<String, String> env) {
    return new RuntimeConfig(
        StageName.BATCH_LOADER,
        config,
        config.getSpec().getKafka().getBootstrapServers(),
        0,
        instance,
        Path.of("."),
        Path.of("."),
        env);
  }

  /** Events {@code from..to-1} of each of the 3 partitions, addressed explicitly. */
  static void send(String topic, int from, int to) {
    List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
    for (int p = 0; p < 3; p++) {
      for (int i = from; i < to; i++) {
        Instant t = HOUR.plusSeconds(i);
        ProducerRecord<byte[], byte[]> r =
            TestEvents.record(
                topic, TestEvents.event("flight.departed", "ev-" + p + "-" + i, t, t, Map.of()));
        records.add(new ProducerRecord<>(topic, p, r.key(), r.value(), r.headers()));
      }
    }
    try (var producer = TestEvents.producer(SharedKafka.bootstrapServers())) {
      TestEvents.send(producer, records);
    }
  }

  static long committed(String bootstrap, String topic) {
    return KafkaOffsets.committed(bootstrap, "r-batch-loader", topic);
  }
}
