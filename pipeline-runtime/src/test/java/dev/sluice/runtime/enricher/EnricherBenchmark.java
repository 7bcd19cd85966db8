package dev.sluice.runtime.enricher;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.DeliveryGuarantee;
import dev.sluice.api.v1alpha1.EnricherSpec;
import dev.sluice.api.v1alpha1.Enrichment;
import dev.sluice.api.v1alpha1.LookupEnrichment;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.api.v1alpha1.TableSource;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.StageRunner;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import dev.sluice.runtime.local.LocalKafkaBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Benchmark program (not a test): enricher throughput against a plain consume-produce passthrough
 * on the same broker and the same raw topic, in one run. Prints events/s and the ratio to the
 * passthrough for: validation only, validation + two airport lookups, and the same with
 * ExactlyOnce, per round and as medians over the rounds.
 *
 * <p>Run: {@code ./mvnw -pl pipeline-runtime test-compile} then {@code java -cp
 * "pipeline-runtime/target/test-classes:pipeline-runtime/target/classes:$(cat cp.txt)"
 * dev.sluice.runtime.enricher.EnricherBenchmark [events=100000] [rounds=3]} (see
 * docs/benchmarks-enricher.md). Each run is timed from the group's first commit until it has
 * committed the raw topic's end offsets.
 */
public final class EnricherBenchmark {
  private static final String RAW = "bench.raw";

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    Path kafkaDir = Files.createTempDirectory("sluice-bench-kafka-");
    Path dir = Files.createTempDirectory("sluice-bench-");
    try (LocalKafkaBroker broker = new LocalKafkaBroker(kafkaDir, 0, 1024).start()) {
      String bootstrap = broker.bootstrapServers();
      FlightContracts.writeLikeKubernetes(dir.resolve("contracts"), FlightContracts.bundle(1, 1));
      Files.copy(
          EnricherBenchmark.class.getResourceAsStream("/enricher/airports.csv"),
          dir.resolve("airports.csv"));
      createTopics(bootstrap, RAW);
      produce(bootstrap, events);
      System.out.printf(
          "%d raw events (3 partitions) on %s, %d rounds%n", events, bootstrap, rounds);

      // The machine is shared and its load drifts: every round runs the passthrough and the three
      // enricher scenarios, and each enricher figure is compared with the mean of the passthrough
      // runs just before and just after it. A first, unreported enricher run warms the JIT up.
      enricher(bootstrap, dir, "warmup", true, DeliveryGuarantee.AtLeastOnce, events);
      String[] names = {
        "enricher: validate",
        "enricher: validate + 2 lookups",
        "enricher: validate + 2 lookups, ExactlyOnce"
      };
      double[][] rates = new double[names.length][rounds];
      double[][] ratios = new double[names.length][rounds];
      double[] passthroughs = new double[rounds + 1];
      passthroughs[0] = passthrough(bootstrap, "passthrough-0", events);
      for (int r = 0; r < rounds; r++) {
        rates[0][r] =
            enricher(bootstrap, dir, "validate-" + r, false, DeliveryGuarantee.AtLeastOnce, events);
        rates[1][r] =
            enricher(bootstrap, dir, "lookup-" + r, true, DeliveryGuarantee.AtLeastOnce, events);
        rates[2][r] =
            enricher(bootstrap, dir, "eos-" + r, true, DeliveryGuarantee.ExactlyOnce, events);
        passthroughs[r + 1] = passthrough(bootstrap, "passthrough-" + (r + 1), events);
        double baseline = (passthroughs[r] + passthroughs[r + 1]) / 2;
        for (int n = 0; n < names.length; n++) {
          ratios[n][r] = rates[n][r] / baseline;
        }
        System.out.printf(
            "round %d: passthrough %.0f / %.0f, validate %.0f, lookups %.0f, ExactlyOnce %.0f%n",
            r + 1, passthroughs[r], passthroughs[r + 1], rates[0][r], rates[1][r], rates[2][r]);
      }
      System.out.printf(
          "%n| scenario | events/s (median) | ratio to passthrough (median) | ratios per round |%n"
              + "|---|---:|---:|---|%n");
      System.out.printf(
          "| passthrough (consume -> produce, at-least-once) | %.0f | 1.00 | |%n",
          median(passthroughs));
      for (int n = 0; n < names.length; n++) {
        StringBuilder each = new StringBuilder();
        for (double ratio : ratios[n]) {
          each.append(each.isEmpty() ? "" : ", ").append(String.format("%.2f", ratio));
        }
        System.out.printf(
            "| %s | %.0f | %.2f | %s |%n", names[n], median(rates[n]), median(ratios[n]), each);
      }
    } finally {
      delete(dir);
      delete(kafkaDir);
    }
  }

  private static void delete(Path root) throws java.io.IOException {
    try (var files = Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }

  private static double enricher(
      String bootstrap,
      Path dir,
      String name,
      boolean lookups,
      DeliveryGuarantee delivery,
      int events)
      throws Exception {
    createTopics(bootstrap, name + ".enriched", name + ".enriched.dlq");
    EnricherSpec spec = new EnricherSpec();
    spec.setDelivery(delivery);
    if (lookups) {
      spec.getEnrichments().add(airport("origin"));
      spec.getEnrichments().add(airport("destination"));
    }
    EnricherFixture shape = new EnricherFixture(bootstrap, "bench-", spec);
    StageConfig stage = shape.stageConfig;
    stage.setPipeline("bench-" + name);
    PipelineTopics topics = PipelineTopics.forPipeline(name);
    topics.setRaw(RAW);
    stage.setTopics(topics);
    RuntimeConfig config =
        new RuntimeConfig(
            StageName.ENRICHER,
            stage,
            bootstrap,
            0,
            "bench",
            dir.resolve("contracts"),
            dir,
            Map.of(),
            dir,
            null,
            null);
    double rate;
    try (StageRunner runner = new StageRunner(config)) {
      runner.start();
      rate = awaitConsumed(bootstrap, "bench-" + name + "-enricher");
    }
    shape.close();
    return rate;
  }

  private static Enrichment airport(String field) {
    TableSource table = new TableSource();
    table.setPath("airports.csv");
    LookupEnrichment lookup = new LookupEnrichment();
    lookup.setTable(table);
    lookup.setField(field);
    lookup.setKeyColumn("iata");
    Map<String, String> columns = new LinkedHashMap<>();
    for (String c : List.of("name", "city", "state", "latitude", "longitude")) {
      columns.put(c, field + "_" + c);
    }
    lookup.setColumns(columns);
    Enrichment e = new Enrichment();
    e.setName(field + "-airport");
    e.setLookup(lookup);
    return e;
  }

  /**
   * The same loop shape as the enricher, with no processing: poll, send all, await acks, commit.
   */
  private static double passthrough(String bootstrap, String group, int events) throws Exception {
    createTopics(bootstrap, group + ".out");
    Map<String, Object> c = KafkaClientConfigs.consumer(bootstrap, group, group);
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000); // as the enricher
    Map<String, Object> p = KafkaClientConfigs.producer(bootstrap, group);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    AtomicBoolean done = new AtomicBoolean();
    Thread loop =
        Thread.ofPlatform()
            .start(
                () -> {
                  try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(c);
                      KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p)) {
                    consumer.subscribe(List.of(RAW));
                    while (!done.get()) {
                      ConsumerRecords<byte[], byte[]> records =
                          consumer.poll(Duration.ofMillis(200));
                      List<Future<RecordMetadata>> acks = new ArrayList<>();
                      for (ConsumerRecord<byte[], byte[]> r : records) {
                        acks.add(
                            producer.send(
                                new ProducerRecord<>(
                                    group + ".out", null, r.key(), r.value(), r.headers())));
                      }
                      for (Future<RecordMetadata> ack : acks) {
                        ack.get();
                      }
                      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
                      for (TopicPartition tp : records.partitions()) {
                        offsets.put(
                            tp, new OffsetAndMetadata(records.records(tp).getLast().offset() + 1));
                      }
                      consumer.commitSync(offsets);
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                });
    double rate = awaitConsumed(bootstrap, group);
    done.set(true);
    loop.join();
    return rate;
  }

  /**
   * Waits until {@code group} has committed the raw topic's end offsets.
   *
   * @return events/s from the group's first commit to its last (steady state: client start-up and
   *     group join excluded)
   */
  private static double awaitConsumed(String bootstrap, String group) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int i = 0; i < 3; i++) {
        latest.put(new TopicPartition(RAW, i), OffsetSpec.latest());
      }
      var ends = admin.listOffsets(latest).all().get();
      long total = ends.values().stream().mapToLong(e -> e.offset()).sum();
      long firstCommitted = -1;
      long firstAt = 0;
      while (true) {
        var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        long done = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        if (firstCommitted < 0 && done > 0) {
          firstCommitted = done;
          firstAt = System.nanoTime();
        }
        if (done >= total) {
          return (total - firstCommitted) / ((System.nanoTime() - firstAt) / 1e9);
        }
        Thread.sleep(20); // polling the group's progress is what a benchmark clock does
      }
    }
  }

  private static void produce(String bootstrap, int events) throws Exception {
    EnricherFixture shape = new EnricherFixture(bootstrap, "bench-", new EnricherSpec());
    shape.stageConfig.getTopics().setRaw(RAW);
    List<String> airports = FlightContracts.airports();
    try (KafkaProducer<byte[], byte[]> producer = shape.producer()) {
      List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
      for (int i = 0; i < events; i++) {
        batch.add(
            shape.event(
                "e-" + i,
                FlightContracts.flight(
                    airports.get(i % airports.size()),
                    airports.get((i + 3) % airports.size()),
                    i % 100)));
        if (batch.size() == 10_000) {
          EnricherFixture.send(producer, batch);
          batch.clear();
        }
      }
      EnricherFixture.send(producer, batch);
    }
    shape.close();
  }

  private static void createTopics(String bootstrap, String... names) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
      admin
          .createTopics(List.of(names).stream().map(n -> new NewTopic(n, 3, (short) 1)).toList())
          .all()
          .get();
    }
  }

  private EnricherBenchmark() {}
}
