package dev.sluice.runtime.bench;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.BatchLoaderSpec;
import dev.sluice.api.v1alpha1.ObjectStoreSpec;
import dev.sluice.api.v1alpha1.RealtimeLoaderSpec;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import dev.sluice.runtime.loader.batch.BatchLoader;
import dev.sluice.runtime.loader.realtime.BenchDocuments;
import dev.sluice.runtime.loader.realtime.RealtimeLoader;
import dev.sluice.runtime.testing.KafkaOffsets;
import dev.sluice.runtime.testing.LocalMinio;
import dev.sluice.runtime.testing.LocalOpenSearch;
import dev.sluice.runtime.testing.SearchQueries;
import dev.sluice.runtime.testing.SharedKafka;
import dev.sluice.runtime.testing.TestContracts;
import dev.sluice.runtime.testing.TestEvents;
import dev.sluice.runtime.testing.TestStages;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;

/**
 * Measures the loaders against baselines on the same real servers, in one run:
 *
 * <ul>
 *   <li>real-time loader docs/s vs a plain {@code _bulk} writer sending the same documents (same
 *       JSON, same ids, 1000 per request) to the same OpenSearch node;
 *   <li>batch loader events/s and MB/s (of Kafka record bytes: value + headers) vs a plain consumer
 *       reading the same topic.
 * </ul>
 *
 * Loader times run from {@code start()} to the last offset committed, so they include the consumer
 * group join. Usage: {@code LoadersBenchmark [events]} (default 60000). Prints a Markdown table.
 */
public final class LoadersBenchmark {

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
    int batchN = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    String bootstrap = SharedKafka.bootstrapServers();
    LocalOpenSearch os = LocalOpenSearch.shared();
    LocalMinio minio = LocalMinio.shared();
    String prefix =
        SharedKafka.createTopics(3, "bench.enriched", "bench.enriched.dlq", "bench.loader.dlq");
    StageConfig config = TestStages.pipeline("bench", prefix, bootstrap);
    String topic = config.getTopics().getEnriched();
    Path contracts = Files.createTempDirectory("bench-contracts");
    TestContracts.write(
        contracts, "flight-departed", "flight.departed", TestContracts.FLIGHT_SCHEMA, null);

    List<CloudEvent> events = new ArrayList<>(n);
    Instant t0 = Instant.parse("2001-01-14T00:00:00Z");
    for (int i = 0; i < n; i++) {
      Instant t = t0.plusSeconds(i % 7200);
      Map<String, Object> data = new HashMap<>();
      data.put("date", "2001/01/14 21:05");
      data.put("delay", i % 60 - 10);
      data.put("distance", 200 + i % 2000);
      data.put("origin", "SFO");
      data.put("destination", "LAX");
      data.put("origin_name", "San Francisco International");
      data.put("origin_lat", 37.62);
      data.put("origin_lon", -122.37);
      events.add(TestEvents.event("flight.departed", "b-" + i, t, t.plusSeconds(2), data));
    }
    try (var producer = TestEvents.producer(bootstrap)) {
      TestEvents.send(producer, events.stream().map(e -> TestEvents.record(topic, e)).toList());
    }
    System.out.printf("%d events produced to %s%n", n, topic);

    // --- real-time loader vs plain _bulk ---
    String plainIndex = "bench-plain-" + UUID.randomUUID().toString().substring(0, 6);
    double plainBulk = plainBulk(os.url(), plainIndex, events);
    String loaderPrefix = "bench-" + UUID.randomUUID().toString().substring(0, 6);
    RealtimeLoaderSpec rt = new RealtimeLoaderSpec();
    rt.setUrl(os.url());
    rt.setIndexPrefix(loaderPrefix);
    rt.setBulkMaxDocs(1000);
    rt.setFlushInterval("1s");
    config.getSpec().getLoaders().setRealtime(rt);
    double loaderDocs;
    try (var ctx =
            TestStages.context(
                TestStages.runtime(StageName.REALTIME_LOADER, config, contracts, Map.of()));
        var loader = new RealtimeLoader(ctx.stage())) {
      loaderDocs =
          n
              / timeUntil(
                  loader::start,
                  () -> KafkaOffsets.committed(bootstrap, "bench-realtime-loader", topic),
                  n);
    }
    long indexed = new SearchQueries(os.url()).count(loaderPrefix + "-2*", null);

    // --- batch loader vs plain consumer, on a larger topic so fixed costs (group join, the last
    // interval flush) weigh less ---
    String batchTopic = SharedKafka.createTopics(3, "bench.enriched") + "bench.enriched";
    config.getTopics().setEnriched(batchTopic);
    try (var producer = TestEvents.producer(bootstrap)) {
      for (int from = 0; from < batchN; from += 10_000) {
        List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> chunk =
            new ArrayList<>();
        for (int i = from; i < Math.min(batchN, from + 10_000); i++) {
          CloudEvent copy =
              CloudEventBuilder.v1(events.get(i % events.size())).withId("c-" + i).build();
          chunk.add(TestEvents.record(batchTopic, copy));
        }
        TestEvents.send(producer, chunk);
      }
    }
    System.out.printf("%d events produced to %s%n", batchN, batchTopic);
    long[] bytes = new long[1];
    long startPlain = System.nanoTime();
    try (var consumer =
        new KafkaConsumer<byte[], byte[]>(
            KafkaClientConfigs.consumer(bootstrap, "bench-plain-" + UUID.randomUUID(), "bench"))) {
      consumer.subscribe(List.of(batchTopic));
      long seen = 0;
      while (seen < batchN) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
          seen++;
          bytes[0] += r.value().length;
          for (Header h : r.headers()) {
            bytes[0] += h.key().length() + h.value().length;
          }
        }
      }
    }
    double plainSeconds = (System.nanoTime() - startPlain) / 1e9;
    ObjectStoreSpec store = new ObjectStoreSpec();
    store.setEndpoint(minio.endpoint());
    config.getSpec().setObjectStore(store);
    BatchLoaderSpec batch = new BatchLoaderSpec();
    batch.setBucket("bench-" + UUID.randomUUID().toString().substring(0, 6));
    batch.setFlushRecords(10_000);
    batch.setFlushInterval("1s");
    config.getSpec().getLoaders().setBatch(batch);
    Map<String, String> env =
        Map.of(
            "SLUICE_OBJECTSTORE_ACCESS_KEY",
            LocalMinio.ACCESS_KEY,
            "SLUICE_OBJECTSTORE_SECRET_KEY",
            LocalMinio.SECRET_KEY);
    double batchSeconds;
    try (var ctx =
            TestStages.context(TestStages.runtime(StageName.BATCH_LOADER, config, contracts, env));
        var loader = new BatchLoader(ctx.stage())) {
      batchSeconds =
          timeUntil(
              loader::start,
              () -> KafkaOffsets.committed(bootstrap, "bench-batch-loader", batchTopic),
              batchN);
    }
    double mb = bytes[0] / 1e6;

    System.out.println();
    System.out.printf(
        "real-time: %d events; batch: %d events (%.1f MB of Kafka record bytes, value + headers)%n%n",
        n, batchN, mb);
    System.out.println("| measure | baseline | loader | loader / baseline |");
    System.out.println("| --- | --- | --- | --- |");
    System.out.printf(
        "| real-time: docs/s into OpenSearch | %.0f (plain _bulk, 1000/request) | %.0f (%d indexed) | %.2f |%n",
        plainBulk, loaderDocs, indexed, loaderDocs / plainBulk);
    System.out.printf(
        "| batch: events/s | %.0f (plain consumer) | %.0f (jsonl.gz to MinIO) | %.2f |%n",
        batchN / plainSeconds, batchN / batchSeconds, plainSeconds / batchSeconds);
    System.out.printf(
        "| batch: MB/s | %.1f | %.1f | %.2f |%n",
        mb / plainSeconds, mb / batchSeconds, plainSeconds / batchSeconds);
    System.exit(0);
  }

  /** Sends the documents the loader would make, 1000 per {@code _bulk}, sequentially; docs/s. */
  static double plainBulk(String url, String index, List<CloudEvent> events) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<byte[]> bodies = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    int inBody = 0;
    for (CloudEvent e : events) {
      String action =
          "{\"index\":{\"_index\":\""
              + index
              + "\",\"_id\":\""
              + e.getId()
              + "@"
              + e.getSource()
              + "\"}}\n";
      body.write(action.getBytes(StandardCharsets.UTF_8));
      body.write(BenchDocuments.document(e));
      body.write('\n');
      if (++inBody == 1000) {
        bodies.add(body.toByteArray());
        body.reset();
        inBody = 0;
      }
    }
    if (inBody > 0) {
      bodies.add(body.toByteArray());
    }
    long start = System.nanoTime();
    for (byte[] b : bodies) {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(url + "/_bulk"))
                  .header("Content-Type", "application/x-ndjson")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(b))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 || r.body().contains("\"errors\":true")) {
        throw new IllegalStateException("plain _bulk failed: " + r.body().substring(0, 300));
      }
    }
    return events.size() / ((System.nanoTime() - start) / 1e9);
  }

  /** Seconds from {@code start} until {@code progress} reaches {@code target}. */
  static double timeUntil(ThrowingRunnable start, LongSupplier progress, long target)
      throws Exception {
    long t = System.nanoTime();
    start.run();
    while (progress.getAsLong() < target) {
      Thread.onSpinWait();
      java.util.concurrent.locks.LockSupport.parkNanos(50_000_000);
    }
    return (System.nanoTime() - t) / 1e9;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private LoadersBenchmark() {}
}
