package dev.sluice.runtime.enricher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.DataPipelineSpec;
import dev.sluice.api.v1alpha1.EnricherSpec;
import dev.sluice.api.v1alpha1.KafkaSpec;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.runtime.StageRunner;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * One enricher under test: a temp directory with {@code stage.yaml} and the contracts directory,
 * topics with a unique prefix on a real broker, and helpers to send raw CloudEvents and read what
 * the enricher wrote.
 */
final class EnricherFixture implements AutoCloseable {
  final Path dir;
  final Path contractsDir;
  final String bootstrapServers;
  final StageConfig stageConfig;
  private final List<AutoCloseable> closeables = new ArrayList<>();

  /** HTTP port (health, metrics) of the enricher started in process. */
  int httpPort;

  /**
   * @param bootstrapServers the broker
   * @param topicPrefix prefix of the pipeline's topics (they must exist)
   * @param enricher the enricher spec under test
   */
  EnricherFixture(String bootstrapServers, String topicPrefix, EnricherSpec enricher) {
    try {
      this.dir = Files.createTempDirectory("sluice-enricher-");
      this.contractsDir = Files.createDirectories(dir.resolve("contracts"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.bootstrapServers = bootstrapServers;
    stageConfig = new StageConfig();
    // Unique per fixture, so each test has its own consumer group and transactional ids.
    stageConfig.setPipeline(topicPrefix + "flights");
    stageConfig.setNamespace("test");
    DataPipelineSpec spec = new DataPipelineSpec();
    KafkaSpec kafka = new KafkaSpec();
    kafka.setBootstrapServers(bootstrapServers);
    spec.setKafka(kafka);
    spec.setEnricher(enricher);
    stageConfig.setSpec(spec);
    PipelineTopics topics = PipelineTopics.forPipeline(topicPrefix + "flights");
    stageConfig.setTopics(topics);
    stageConfig.setContractsDir(contractsDir.toString());
    stageConfig.setTablesDir(dir.resolve("tables").toString());
  }

  /** Topic names: raw, enriched, enriched DLQ. */
  static String[] topicNames() {
    return new String[] {"flights.raw", "flights.enriched", "flights.enriched.dlq"};
  }

  PipelineTopics topics() {
    return stageConfig.getTopics();
  }

  /** Writes {@code stage.yaml} into the fixture's directory. */
  Path writeStageConfig() {
    try {
      Path file = dir.resolve("stage.yaml");
      new YAMLMapper().writeValue(file.toFile(), stageConfig);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the enricher in this JVM, as {@code sluice --stage enricher} would. */
  StageRunner startInProcess() throws Exception {
    return startInProcess("it-" + UUID.randomUUID());
  }

  /** Starts the enricher in this JVM as instance {@code instance} (its pod name). */
  StageRunner startInProcess(String instance) throws Exception {
    Path file = writeStageConfig();
    RuntimeConfig config =
        RuntimeConfig.load(
            "enricher", file, Map.of("SLUICE_HTTP_PORT", "0", "SLUICE_INSTANCE", instance));
    StageRunner runner = new StageRunner(config);
    closeables.add(runner);
    httpPort = runner.start();
    return runner;
  }

  /**
   * Starts the enricher as a child process ({@code java -cp <test class path> SluiceCli --stage
   * enricher}), so a test can kill it like a crashing pod. Its log goes to {@code
   * enricher-<instance>.log} in the fixture's directory.
   */
  Process startChild(String instance) throws IOException {
    Path file = writeStageConfig();
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.sluice.runtime.cli.SluiceCli",
            "--stage",
            "enricher",
            "--config",
            file.toString());
    pb.environment().put("SLUICE_HTTP_PORT", "0");
    pb.environment().put("SLUICE_INSTANCE", instance);
    pb.redirectErrorStream(true);
    pb.redirectOutput(
        ProcessBuilder.Redirect.appendTo(dir.resolve("enricher-" + instance + ".log").toFile()));
    Process process = pb.start();
    closeables.add(
        () -> {
          process.destroyForcibly();
          process.waitFor();
        });
    return process;
  }

  /** The consumer group of the enricher under test. */
  String group() {
    return stageConfig.getPipeline() + "-enricher";
  }

  /** Whether the enricher's group has committed every offset of the raw topic. */
  boolean rawTopicFullyConsumed() throws Exception {
    try (org.apache.kafka.clients.admin.Admin admin =
        org.apache.kafka.clients.admin.Admin.create(
            Map.of("bootstrap.servers", bootstrapServers))) {
      var committed = admin.listConsumerGroupOffsets(group()).partitionsToOffsetAndMetadata().get();
      try (KafkaConsumer<byte[], byte[]> probe = reader(topics().getRaw())) {
        var partitions =
            probe.partitionsFor(topics().getRaw()).stream()
                .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition()))
                .toList();
        var ends = probe.endOffsets(partitions);
        return ends.entrySet().stream()
            .allMatch(
                e ->
                    committed.get(e.getKey()) != null
                        && committed.get(e.getKey()).offset() >= e.getValue());
      }
    }
  }

  /**
   * A raw record in the CloudEvents Kafka binding, binary mode, keyed by its id.
   *
   * @param customize adjusts the event builder (extensions, dataschema, type)
   */
  ProducerRecord<byte[], byte[]> event(
      String id, JsonNode data, Consumer<CloudEventBuilder> customize) {
    try {
      return event(id, FlightContracts.JSON.writeValueAsBytes(data), customize);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ProducerRecord<byte[], byte[]> event(
      String id, byte[] data, Consumer<CloudEventBuilder> customize) {
    CloudEventBuilder builder =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(URI.create("/test/collector"))
            .withType(FlightContracts.TYPE)
            .withData("application/json", data);
    customize.accept(builder);
    CloudEvent event = builder.build();
    return KafkaMessageFactory.createWriter(topics().getRaw(), id.getBytes(StandardCharsets.UTF_8))
        .writeBinary(event);
  }

  ProducerRecord<byte[], byte[]> event(String id, JsonNode data) {
    return event(id, data, b -> {});
  }

  /** Sends records to the raw topic and waits for the acknowledgements. */
  void send(List<ProducerRecord<byte[], byte[]>> records) {
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      send(producer, records);
    }
  }

  /** A producer of test events; the caller closes it. */
  KafkaProducer<byte[], byte[]> producer() {
    return new KafkaProducer<>(KafkaClientConfigs.producer(bootstrapServers, "test-producer"));
  }

  /** Sends records with {@code producer} and waits for the acknowledgements. */
  static void send(
      KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records) {
    try {
      List<java.util.concurrent.Future<?>> acks = new ArrayList<>();
      records.forEach(r -> acks.add(producer.send(r)));
      for (var ack : acks) {
        ack.get();
      }
    } catch (Exception e) {
      throw new IllegalStateException("sending test events failed", e);
    }
  }

  /** A consumer of {@code topic} from its beginning ({@code read_committed}). */
  KafkaConsumer<byte[], byte[]> reader(String topic) {
    Map<String, Object> props =
        KafkaClientConfigs.consumer(bootstrapServers, "reader-" + UUID.randomUUID(), "test-reader");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props);
    consumer.subscribe(List.of(topic));
    closeables.add(consumer);
    return consumer;
  }

  /** Polls {@code consumer} once and adds what came to {@code into}; for Awaitility loops. */
  static void drain(
      KafkaConsumer<byte[], byte[]> consumer, List<ConsumerRecord<byte[], byte[]>> into) {
    consumer.poll(Duration.ofMillis(200)).forEach(into::add);
  }

  static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static String id(ConsumerRecord<byte[], byte[]> record) {
    return header(record, "ce_id");
  }

  @Override
  public void close() throws Exception {
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
