package dev.sluice.runtime.collector.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.ContractReference;
import dev.sluice.api.v1alpha1.DataPipelineSpec;
import dev.sluice.api.v1alpha1.KafkaSpec;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.runtime.StageContext;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.collector.CollectorStage;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import dev.sluice.runtime.local.LocalKafkaBroker;
import dev.sluice.runtime.ops.OpsServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Collector throughput on one local broker, in one run (about 2 minutes): the raw KafkaProducer
 * ceiling for 1 KB events (same producer settings as the collector), the collector in batch mode
 * (100 events per request) with and without 10% invalid events, in single-event mode with N
 * concurrent clients, and the same HTTP server's no-op endpoint (added here only) with the same
 * clients. Prints the figures and ratios as Markdown.
 *
 * <p>Run: {@code ./mvnw -pl pipeline-runtime test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=dev.sluice.runtime.collector.bench.CollectorBenchmark} (see docs/collector.md).
 * Arguments (optional): single-mode clients (default 64), measured seconds per scenario (8),
 * warm-up seconds per scenario (10; on a loaded machine the JIT needs that long for the heavier
 * paths, and an unequal warm-up biases the ratios).
 */
public final class CollectorBenchmark {
  private static final String TYPE = "dev.sluice.flight.departed";
  private static final int BATCH = 100;

  public static void main(String[] args) throws Exception {
    int clients = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    long measureMs = (args.length > 1 ? Long.parseLong(args[1]) : 8) * 1000;
    long warmupMs = (args.length > 2 ? Long.parseLong(args[2]) : 10) * 1000;
    Path dir = Files.createTempDirectory("sluice-collector-bench-");
    try (LocalKafkaBroker broker = new LocalKafkaBroker(dir.resolve("kafka"), 0, 1024).start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic("bench-ceiling", 3, (short) 1),
                    new NewTopic("bench.raw", 3, (short) 1),
                    new NewTopic("bench.raw.dlq", 3, (short) 1)))
            .all()
            .get(60, TimeUnit.SECONDS);
      }
      String event = event("e", 0);
      double ceiling = rawProducer(broker.bootstrapServers(), measureMs);

      Vertx serverVertx = Vertx.vertx();
      Vertx clientVertx = Vertx.vertx();
      PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      OpsServer ops = new OpsServer(serverVertx, registry, 0, () -> true, () -> true);
      CollectorStage stage =
          new CollectorStage(
              new StageContext(config(broker, dir), serverVertx, registry, ops.router()));
      stage.start();
      // The no-op endpoint: reads the body like the collector and answers 200 without Kafka.
      ops.router()
          .post("/bench/noop")
          .handler(
              ctx -> ctx.request().body().onSuccess(b -> ctx.response().end("{\"accepted\":1}")));
      int port = ops.listen();

      Map<String, String> single = Map.of("content-type", "application/cloudevents+json");
      Map<String, String> batch = Map.of("content-type", "application/cloudevents-batch+json");
      Buffer[] one = new Buffer[64];
      Buffer[] valid = new Buffer[16];
      Buffer[] tenPercentInvalid = new Buffer[16];
      for (int i = 0; i < one.length; i++) {
        one[i] = Buffer.buffer(event("s" + i, i));
      }
      for (int i = 0; i < valid.length; i++) {
        valid[i] = Buffer.buffer(batch(i, 0));
        tenPercentInvalid[i] = Buffer.buffer(batch(i, 10));
      }

      // Not reported: JIT warm-up of every path.
      LoadRun.run(clientVertx, port, "/v1/events", batch, valid, 8, 0, warmupMs);
      LoadRun.run(clientVertx, port, "/v1/events", batch, tenPercentInvalid, 8, 0, warmupMs);
      LoadRun.run(clientVertx, port, "/v1/events", single, one, clients, 0, warmupMs);
      LoadRun.run(clientVertx, port, "/bench/noop", single, one, clients, 0, warmupMs);
      // Compared scenarios run interleaved in halves, so drift in the shared machine's load (and
      // the broker's background flushing) hits both sides of a ratio alike.
      long half = measureMs / 2;
      var batched1 = LoadRun.run(clientVertx, port, "/v1/events", batch, valid, 8, 1000, half);
      var invalid1 =
          LoadRun.run(clientVertx, port, "/v1/events", batch, tenPercentInvalid, 8, 1000, half);
      var singles1 = LoadRun.run(clientVertx, port, "/v1/events", single, one, clients, 1000, half);
      var noop1 = LoadRun.run(clientVertx, port, "/bench/noop", single, one, clients, 1000, half);
      var invalid2 =
          LoadRun.run(clientVertx, port, "/v1/events", batch, tenPercentInvalid, 8, 1000, half);
      var batched2 = LoadRun.run(clientVertx, port, "/v1/events", batch, valid, 8, 1000, half);
      var noop2 = LoadRun.run(clientVertx, port, "/bench/noop", single, one, clients, 1000, half);
      var singles2 = LoadRun.run(clientVertx, port, "/v1/events", single, one, clients, 1000, half);
      var batched = LoadRun.Result.mean(batched1, batched2);
      var invalid = LoadRun.Result.mean(invalid1, invalid2);
      var singles = LoadRun.Result.mean(singles1, singles2);
      var noop = LoadRun.Result.mean(noop1, noop2);

      StringBuilder out = new StringBuilder();
      out.append(
          String.format(
              Locale.ROOT,
              "Event size: %d bytes (structured JSON); batch: %d events; single-mode clients: %d; %d s measured after %d s warm-up.%n%n",
              event.length(),
              BATCH,
              clients,
              measureMs / 1000,
              warmupMs / 1000));
      out.append(
          "| scenario | events/s | requests/s | p50 ms | p99 ms | failed |\n|---|---:|---:|---:|---:|---:|\n");
      out.append(
          String.format(Locale.ROOT, "| raw KafkaProducer (ceiling) | %.0f | | | | |%n", ceiling));
      row(out, "collector, batch mode (8 clients)", batched);
      row(out, "collector, batch mode, 10% invalid (8 clients)", invalid);
      row(out, "collector, single-event mode (" + clients + " clients)", singles);
      row(out, "no-op endpoint, same server (" + clients + " clients)", noop);
      out.append(String.format(Locale.ROOT, "%n| ratio | measured | target |%n|---|---:|---:|%n"));
      out.append(
          String.format(
              Locale.ROOT,
              "| batched collector / raw producer | %.2f | ≥ 0.6 |%n",
              batched.eventsPerSecond() / ceiling));
      out.append(
          String.format(
              Locale.ROOT,
              "| single-event / no-op endpoint | %.2f | ≥ 0.7 |%n",
              singles.requestsPerSecond() / noop.requestsPerSecond()));
      out.append(
          String.format(
              Locale.ROOT,
              "| 10%% invalid / none (all events answered) | %.2f | ≥ 0.8 |%n",
              (invalid.eventsPerSecond() / 0.9) / batched.eventsPerSecond()));
      // Client, collector and broker share the machine's cores, and all three are CPU-bound here:
      // a single event costs at least the no-op request plus one record through the producer and
      // the broker at the ceiling's cost, so single / no-op cannot exceed this even if the
      // collector's own work were free.
      out.append(
          String.format(
              Locale.ROOT,
              "%nUpper bound of single / no-op on this machine (no-op + one record at the ceiling's"
                  + " cost, collector work free): %.2f%n",
              ceiling / (ceiling + noop.requestsPerSecond())));
      System.out.println(out);

      stage.close();
      ops.close();
      clientVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      serverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(0);
  }

  private static void row(StringBuilder out, String name, LoadRun.Result r) {
    out.append(
        String.format(
            Locale.ROOT,
            "| %s | %.0f | %.0f | %.2f | %.2f | %d |%n",
            name,
            r.eventsPerSecond(),
            r.requestsPerSecond(),
            r.p50Ms(),
            r.p99Ms(),
            r.failed()));
  }

  /**
   * The ceiling: the same 1 KB events, keyed by subject, as fast as one producer with the
   * collector's settings writes them.
   */
  private static double rawProducer(String bootstrap, long measureMs) {
    byte[][] values = new byte[64][];
    byte[][] keys = new byte[64][];
    for (int i = 0; i < values.length; i++) {
      values[i] = event("r" + i, i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      keys[i] = ("KL" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    try (var producer =
        new KafkaProducer<byte[], byte[]>(
            KafkaClientConfigs.producer(bootstrap, "bench-ceiling"))) {
      long warmEnd = System.nanoTime() + 3_000_000_000L;
      for (int i = 0; System.nanoTime() < warmEnd; i++) {
        producer.send(new ProducerRecord<>("bench-ceiling", keys[i & 63], values[i & 63]));
      }
      producer.flush();
      long start = System.nanoTime();
      long end = start + measureMs * 1_000_000;
      long sent = 0;
      while (System.nanoTime() < end) {
        int i = (int) (sent++ & 63);
        producer.send(new ProducerRecord<>("bench-ceiling", keys[i], values[i]));
      }
      producer.flush();
      return sent / ((System.nanoTime() - start) / 1e9);
    }
  }

  /** A batch of {@link #BATCH} events of which {@code invalidPercent}% have an unknown type. */
  private static String batch(int n, int invalidPercent) {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      String e = event("b" + n + "-" + i, n * BATCH + i);
      events.add(i % 100 < invalidPercent ? e.replace(TYPE, "dev.sluice.unknown") : e);
    }
    return "[" + String.join(",", events) + "]";
  }

  /** A valid event of about 1 KB with subject {@code KL<n % 64>} and a pseudo-random note. */
  private static String event(String id, int n) {
    java.util.Random random = new java.util.Random(n);
    StringBuilder note = new StringBuilder();
    for (int i = 0; i < 760; i++) {
      note.append((char) ('a' + random.nextInt(26)));
    }
    return """
        {"specversion":"1.0","id":"%s","source":"/airports/ams","type":"%s",\
        "time":"2026-05-01T10:15:00Z","subject":"KL%d","datacontenttype":"application/json",\
        "data":{"flight":"KL%d","delayMinutes":3,"note":"%s"}}"""
        .formatted(id, TYPE, n % 64, n % 64, note);
  }

  private static RuntimeConfig config(LocalKafkaBroker broker, Path dir) throws Exception {
    ContractBundle bundle = new ContractBundle();
    bundle.setName("flight-departed");
    bundle.setEventType(TYPE);
    Path contract = dir.resolve("contracts/flight-departed/contract.json");
    Files.createDirectories(contract.getParent());
    new ObjectMapper().writeValue(contract.toFile(), bundle);
    StageConfig config = new StageConfig();
    config.setPipeline("bench");
    DataPipelineSpec spec = new DataPipelineSpec();
    spec.setContracts(List.of(new ContractReference("flight-departed")));
    KafkaSpec kafka = new KafkaSpec();
    kafka.setBootstrapServers(broker.bootstrapServers());
    spec.setKafka(kafka);
    spec.getCollector().setMaxInFlightRequests(1024);
    config.setSpec(spec);
    config.setTopics(PipelineTopics.forPipeline("bench"));
    return new RuntimeConfig(
        StageName.COLLECTOR,
        config,
        broker.bootstrapServers(),
        0,
        "bench-0",
        dir.resolve("contracts"),
        dir.resolve("tables"),
        Map.of("SLUICE_GRPC_PORT", "0"));
  }

  private CollectorBenchmark() {}
}
