package dev.sluice.runtime.bench;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.BatchFormat;
import dev.sluice.api.v1alpha1.BatchLoaderSpec;
import dev.sluice.api.v1alpha1.ObjectStoreSpec;
import dev.sluice.api.v1alpha1.RealtimeLoaderSpec;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import dev.sluice.runtime.loader.batch.BatchLoader;
import dev.sluice.runtime.loader.batch.ObjectLayout;
import dev.sluice.runtime.loader.realtime.BenchDocuments;
import dev.sluice.runtime.loader.realtime.RealtimeLoader;
import dev.sluice.runtime.objectstore.ObjectStore;
import dev.sluice.runtime.objectstore.StoredObject;
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
import java.lang.management.ManagementFactory;
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
import org.apache.kafka.clients.admin.Admin;
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
 *       reading the same topic, once writing jsonl.gz objects and once jsonl.zst.
 * </ul>
 *
 * Each measure runs {@code runs} times, baseline and loader alternately (a new consumer group, a
 * new index or bucket each time), and the median of each is printed with every single figure.
 * Loader times run from {@code start()} to the last offset committed, so they include the consumer
 * group join. Usage: {@code LoadersBenchmark [realtimeEvents=60000 (0: skip)] [batchEvents=300000
 * (0: skip)] [runs=3]}. Prints a Markdown table.
 */
public final class LoadersBenchmark {
  /**
   * One admin client for the progress checks while a loader runs (a new client per check cost the
   * loader's measurement CPU on this 2-core machine).
   */
  private static Admin admin;

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
    int batchN = args.length > 1 ? Integer.parseInt(args[1]) : 300_000;
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    String bootstrap = SharedKafka.bootstrapServers();
    admin = Admin.create(Map.of("bootstrap.servers", bootstrap));
    String prefix =
        SharedKafka.createTopics(3, "bench.enriched", "bench.enriched.dlq", "bench.loader.dlq");
    StageConfig config = TestStages.pipeline("bench", prefix, bootstrap);
    Path contracts = Files.createTempDirectory("bench-contracts");
    TestContracts.write(
        contracts, "flight-departed", "flight.departed", TestContracts.FLIGHT_SCHEMA, null);
    List<CloudEvent> events = events(Math.max(n, 1000));
    List<String> rows = new ArrayList<>();
    if (n > 0) {
      rows.addAll(realtime(config, contracts, events.subList(0, n), runs));
    }
    if (batchN > 0) {
      rows.addAll(batch(config, contracts, events, batchN, runs));
    }
    System.out.println();
    System.out.printf(
        "real-time: %d events; batch: %d events; median of %d runs%n%n", n, batchN, runs);
    System.out.println(
        "| measure | baseline | loader | loader / baseline | runs (baseline / loader) |");
    System.out.println("| --- | --- | --- | --- | --- |");
    rows.forEach(System.out::println);
    System.exit(0);
  }

  static List<CloudEvent> events(int n) {
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
    return events;
  }

  /** Real-time loader vs plain {@code _bulk}: one table row. */
  static List<String> realtime(
      StageConfig config, Path contracts, List<CloudEvent> events, int runs) throws Exception {
    String bootstrap = SharedKafka.bootstrapServers();
    LocalOpenSearch os = LocalOpenSearch.shared();
    String topic = config.getTopics().getEnriched();
    int n = events.size();
    try (var producer = TestEvents.producer(bootstrap)) {
      TestEvents.send(producer, events.stream().map(e -> TestEvents.record(topic, e)).toList());
    }
    System.out.printf("%d events produced to %s%n", n, topic);
    double[] plain = new double[runs];
    double[] loader = new double[runs];
    long indexed = 0;
    for (int run = 0; run < runs; run++) {
      String plainIndex = "bench-plain-" + UUID.randomUUID().toString().substring(0, 6);
      plain[run] = plainBulk(os.url(), plainIndex, events);
      String loaderPrefix = "bench-" + UUID.randomUUID().toString().substring(0, 6);
      RealtimeLoaderSpec rt = new RealtimeLoaderSpec();
      rt.setUrl(os.url());
      rt.setIndexPrefix(loaderPrefix);
      rt.setBulkMaxDocs(1000);
      rt.setFlushInterval("1s");
      config.getSpec().getLoaders().setRealtime(rt);
      StageConfig runConfig = withPipeline(config, "bench-rt-" + run);
      try (var ctx =
              TestStages.context(
                  TestStages.runtime(StageName.REALTIME_LOADER, runConfig, contracts, Map.of()));
          var l = new RealtimeLoader(ctx.stage())) {
        loader[run] =
            n
                / timeUntil(
                    l::start,
                    () ->
                        KafkaOffsets.committed(
                            admin, runConfig.getPipeline() + "-realtime-loader", topic),
                    n);
      }
      indexed = new SearchQueries(os.url()).count(loaderPrefix + "-2*", null);
      System.out.printf(
          "run %d real-time: plain %.0f docs/s, loader %.0f docs/s (%d indexed)%n",
          run, plain[run], loader[run], indexed);
    }
    return List.of(
        row(
            "real-time: docs/s into OpenSearch",
            "plain _bulk, 1000/request",
            indexed + " indexed",
            plain,
            loader,
            "%.0f"));
  }

  /**
   * A table row comparing a loader with its baseline: medians, the loader / baseline ratio of the
   * medians, every run.
   */
  static String row(
      String measure,
      String baselineNote,
      String loaderNote,
      double[] baseline,
      double[] loader,
      String format) {
    return String.format(
        "| %s | %s (%s) | %s (%s) | **%.2f** | %s / %s |",
        measure,
        String.format(format, median(baseline)),
        baselineNote,
        String.format(format, median(loader)),
        loaderNote,
        median(loader) / median(baseline),
        figures(baseline, format),
        figures(loader, format));
  }

  /**
   * Batch loader vs a plain consumer, on a larger topic so fixed costs (group join, the last
   * interval flush) weigh less: two table rows.
   */
  static List<String> batch(
      StageConfig config, Path contracts, List<CloudEvent> events, int batchN, int runs)
      throws Exception {
    String bootstrap = SharedKafka.bootstrapServers();
    LocalMinio minio = LocalMinio.shared();
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
    ObjectStoreSpec store = new ObjectStoreSpec();
    store.setEndpoint(minio.endpoint());
    config.getSpec().setObjectStore(store);
    Map<String, String> env =
        Map.of(
            "SLUICE_OBJECTSTORE_ACCESS_KEY",
            LocalMinio.ACCESS_KEY,
            "SLUICE_OBJECTSTORE_SECRET_KEY",
            LocalMinio.SECRET_KEY);
    List<BatchFormat> formats = List.of(BatchFormat.JSONL_GZ, BatchFormat.JSONL_ZST);
    double[] plain = new double[runs];
    double[] plainSteady = new double[runs];
    double[] plainCpu = new double[runs];
    double[][] loader = new double[formats.size()][runs];
    double[][] loaderSteady = new double[formats.size()][runs];
    double[][] loaderCpu = new double[formats.size()][runs];
    double[] objectMb = new double[formats.size()];
    double mb = 0;
    for (int run = 0; run < runs; run++) {
      long[] bytes = new long[1];
      long cpu = cpuNanos();
      long startPlain = System.nanoTime();
      Timeline plainTimeline = new Timeline(batchN);
      try (var consumer =
          new KafkaConsumer<byte[], byte[]>(
              KafkaClientConfigs.consumer(
                  bootstrap, "bench-plain-" + UUID.randomUUID(), "bench"))) {
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
          plainTimeline.reached(seen);
        }
      }
      plain[run] = (System.nanoTime() - startPlain) / 1e9;
      plainSteady[run] = plainTimeline.steadyRate();
      plainCpu[run] = (cpuNanos() - cpu) / 1e3 / batchN;
      mb = bytes[0] / 1e6;
      System.out.printf(
          "run %d batch: plain %.0f events/s (steady %.0f; %.1f CPU µs/event)%n",
          run, batchN / plain[run], plainSteady[run], plainCpu[run]);
      for (int f = 0; f < formats.size(); f++) {
        BatchLoaderSpec batch = new BatchLoaderSpec();
        batch.setBucket("bench-" + UUID.randomUUID().toString().substring(0, 6));
        batch.setFlushRecords(10_000);
        batch.setFlushInterval("1s");
        batch.setFormat(formats.get(f));
        config.getSpec().getLoaders().setBatch(batch);
        StageConfig runConfig = withPipeline(config, "bench-batch-" + f + "-" + run);
        cpu = cpuNanos();
        Timeline timeline = new Timeline(batchN);
        try (var ctx =
                TestStages.context(
                    TestStages.runtime(StageName.BATCH_LOADER, runConfig, contracts, env));
            var l = new BatchLoader(ctx.stage())) {
          loader[f][run] =
              timeUntil(
                  l::start,
                  () -> {
                    long committed =
                        KafkaOffsets.committed(
                            admin, runConfig.getPipeline() + "-batch-loader", batchTopic);
                    timeline.reached(committed);
                    return committed;
                  },
                  batchN);
        }
        loaderSteady[f][run] = timeline.steadyRate();
        loaderCpu[f][run] = (cpuNanos() - cpu) / 1e3 / batchN;
        try (ObjectStore objects = minio.store()) {
          objectMb[f] =
              objects.list(batch.getBucket(), "").stream().mapToLong(StoredObject::size).sum()
                  / 1e6;
        }
        System.out.printf(
            "run %d batch: loader %s %.0f events/s (steady %.0f; %.1f CPU µs/event), objects %.1f"
                + " MB, load average %.1f%n",
            run,
            ObjectLayout.extension(formats.get(f)),
            batchN / loader[f][run],
            loaderSteady[f][run],
            loaderCpu[f][run],
            objectMb[f],
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
      }
    }
    double[] plainRate = rates(batchN, plain);
    double[] plainMb = rates(mb, plain);
    List<String> rows = new ArrayList<>();
    for (int f = 0; f < formats.size(); f++) {
      String ext = ObjectLayout.extension(formats.get(f)).substring(1);
      double[] loaderRate = rates(batchN, loader[f]);
      double[] loaderMb = rates(mb, loader[f]);
      rows.add(
          row(
              "batch: events/s",
              "plain consumer",
              ext + " to MinIO",
              plainRate,
              loaderRate,
              "%.0f"));
      rows.add(
          row(
              "batch: events/s, steady (10 %–90 % of the events)",
              "plain consumer", ext, plainSteady, loaderSteady[f], "%.0f"));
      rows.add(
          row(
              String.format("batch: MB/s (%.1f MB of records)", mb),
              "plain consumer",
              String.format("%s, objects %.1f MB", ext, objectMb[f]),
              plainMb,
              loaderMb,
              "%.1f"));
      rows.add(
          String.format(
              "| batch: CPU µs per event, %s (this JVM's threads; not the broker's or MinIO's) |"
                  + " %.1f | %.1f | %.2f (inverse) | %s / %s |",
              ext,
              median(plainCpu),
              median(loaderCpu[f]),
              median(plainCpu) / median(loaderCpu[f]),
              figures(plainCpu, "%.1f"),
              figures(loaderCpu[f], "%.1f")));
    }
    return rows;
  }

  /**
   * When a run passed 10 % and 90 % of its events (seen by the plain consumer, committed by a
   * loader): the rate between the two leaves out the fixed costs at both ends (group join, the
   * first flush; the last buffers waiting for {@code flushInterval}). Loader progress is sampled
   * every 100 ms, so its steady rate is within a few percent.
   */
  static final class Timeline {
    private final long total;
    private long at10 = -1;
    private long at90 = -1;

    Timeline(long total) {
      this.total = total;
    }

    void reached(long done) {
      long now = System.nanoTime();
      if (at10 < 0 && done >= total / 10) {
        at10 = now;
      }
      if (at90 < 0 && done >= total * 9 / 10) {
        at90 = now;
      }
    }

    /** Events per second between 10 % and 90 %; NaN when the run never passed both. */
    double steadyRate() {
      return at10 < 0 || at90 <= at10 ? Double.NaN : 0.8 * total / ((at90 - at10) / 1e9);
    }
  }

  /** CPU time of this JVM's threads so far, ns. */
  static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** A copy of the configuration under another pipeline name (so another consumer group). */
  static StageConfig withPipeline(StageConfig config, String pipeline) {
    StageConfig copy = new StageConfig();
    copy.setPipeline(pipeline);
    copy.setNamespace(config.getNamespace());
    copy.setSpec(config.getSpec());
    copy.setTopics(config.getTopics());
    return copy;
  }

  static double[] rates(double amount, double[] seconds) {
    double[] r = new double[seconds.length];
    for (int i = 0; i < r.length; i++) {
      r[i] = amount / seconds[i];
    }
    return r;
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int m = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
  }

  static String figures(double[] values, String format) {
    StringBuilder out = new StringBuilder();
    for (double v : values) {
      out.append(out.isEmpty() ? "" : ", ").append(String.format(format, v));
    }
    return out.toString();
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
      java.util.concurrent.locks.LockSupport.parkNanos(100_000_000);
    }
    return (System.nanoTime() - t) / 1e9;
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  private LoadersBenchmark() {}
}
