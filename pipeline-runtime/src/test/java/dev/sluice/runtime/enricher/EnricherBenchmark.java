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
 * ExactlyOnce.
 *
 * <p>Run: {@code ./mvnw -pl pipeline-runtime test-compile} then {@code java -cp
 * "pipeline-runtime/target/test-classes:pipeline-runtime/target/classes:$(cat cp.txt)"
 * dev.sluice.runtime.enricher.EnricherBenchmark [events]} (see docs/benchmarks-enricher.md). Each
 * run is timed from start until the consumer group has committed the raw topic's end offsets, group
 * join included.
 */
public final class EnricherBenchmark {
  private static final String RAW = "bench.raw";

  public static void main(String[] args) throws Exception {
    int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    try (LocalKafkaBroker broker =
        new LocalKafkaBroker(Files.createTempDirectory("sluice-bench-kafka-"), 0, 1024).start()) {
      String bootstrap = broker.bootstrapServers();
      Path dir = Files.createTempDirectory("sluice-bench-");
      FlightContracts.writeLikeKubernetes(dir.resolve("contracts"), FlightContracts.bundle(1, 1));
      Files.copy(
          EnricherBenchmark.class.getResourceAsStream("/enricher/airports.csv"),
          dir.resolve("airports.csv"));
      createTopics(bootstrap, RAW);
      produce(bootstrap, events);
      System.out.printf("%d raw events (3 partitions) on %s%n", events, bootstrap);

      // The machine is shared: passthrough runs first and last, and the ratios use their mean;
      // a first, unreported enricher run warms the JIT up.
      double first = passthrough(bootstrap, "passthrough-1", events);
      enricher(bootstrap, dir, "warmup", true, DeliveryGuarantee.AtLeastOnce, events);
      double validate =
          enricher(bootstrap, dir, "validate", false, DeliveryGuarantee.AtLeastOnce, events);
      double lookup =
          enricher(bootstrap, dir, "lookup", true, DeliveryGuarantee.AtLeastOnce, events);
      double eos = enricher(bootstrap, dir, "eos", true, DeliveryGuarantee.ExactlyOnce, events);
      double last = passthrough(bootstrap, "passthrough-2", events);
      double passthrough = (first + last) / 2;
      System.out.printf("passthrough runs: %.0f and %.0f events/s%n", first, last);
      report("passthrough (consume -> produce, at-least-once)", passthrough, passthrough);
      report("enricher: validate", validate, passthrough);
      report("enricher: validate + 2 lookups", lookup, passthrough);
      report("enricher: validate + 2 lookups, ExactlyOnce", eos, passthrough);
    }
  }

  private static void report(String name, double rate, double passthrough) {
    System.out.printf("%-46s %9.0f events/s  %.2f x passthrough%n", name, rate, rate / passthrough);
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
