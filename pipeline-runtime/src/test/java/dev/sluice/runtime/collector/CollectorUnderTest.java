package dev.sluice.runtime.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.ContractReference;
import dev.sluice.api.v1alpha1.DataPipelineSpec;
import dev.sluice.api.v1alpha1.KafkaSpec;
import dev.sluice.api.v1alpha1.PayloadLimits;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.StageRunner;
import dev.sluice.runtime.config.RuntimeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real collector (through {@link StageRunner}, as {@code --stage collector} runs it) on free
 * ports, writing to topics {@code <prefix>raw} and {@code <prefix>raw.dlq} of a real broker, with
 * contract bundles in a temporary directory. Closing it stops the collector and deletes the
 * directory.
 */
public final class CollectorUnderTest implements AutoCloseable {
  public static final String FLIGHT_DEPARTED = "dev.sluice.flight.departed";

  private final Path dir;
  private final StageRunner runner;
  public final String rawTopic;
  public final String deadLetterTopic;
  public final int httpPort;
  public final int grpcPort;

  /**
   * @param bootstrapServers the broker
   * @param prefix prefix of the topics {@code raw} and {@code raw.dlq}
   * @param limits size limits
   * @param maxInFlight {@code maxInFlightRequests}
   * @param apiKeys accepted API keys, or null for no authentication
   */
  public CollectorUnderTest(
      String bootstrapServers,
      String prefix,
      PayloadLimits limits,
      int maxInFlight,
      List<String> apiKeys) {
    this(bootstrapServers, prefix, limits, maxInFlight, apiKeys, 30_000);
  }

  /**
   * @param requestTimeoutMs {@code spec.collector.requestTimeoutMs}
   */
  public CollectorUnderTest(
      String bootstrapServers,
      String prefix,
      PayloadLimits limits,
      int maxInFlight,
      List<String> apiKeys,
      int requestTimeoutMs) {
    try {
      dir = Files.createTempDirectory("sluice-collector-it-");
      writeContract(dir.resolve("contracts"), "flight-departed", FLIGHT_DEPARTED);
      StageConfig config = new StageConfig();
      config.setPipeline("flights");
      config.setNamespace("test");
      DataPipelineSpec spec = new DataPipelineSpec();
      spec.setContracts(
          List.of(new ContractReference("flight-departed"), new ContractReference("later")));
      KafkaSpec kafka = new KafkaSpec();
      kafka.setBootstrapServers(bootstrapServers);
      spec.setKafka(kafka);
      spec.getCollector().setLimits(limits);
      spec.getCollector().setMaxInFlightRequests(maxInFlight);
      spec.getCollector().setRequestTimeoutMs(requestTimeoutMs);
      config.setSpec(spec);
      PipelineTopics topics = PipelineTopics.forPipeline("flights");
      topics.setRaw(prefix + "raw");
      topics.setRawDeadLetter(prefix + "raw.dlq");
      config.setTopics(topics);
      rawTopic = topics.getRaw();
      deadLetterTopic = topics.getRawDeadLetter();
      grpcPort = freePort();
      Map<String, String> env = new HashMap<>();
      env.put("SLUICE_GRPC_PORT", Integer.toString(grpcPort));
      if (apiKeys != null) {
        Path keys = Files.write(dir.resolve("api-keys"), apiKeys);
        env.put("SLUICE_COLLECTOR_API_KEYS_FILE", keys.toString());
      }
      RuntimeConfig runtime =
          new RuntimeConfig(
              StageName.COLLECTOR,
              config,
              bootstrapServers,
              0,
              "collector-it-0",
              dir.resolve("contracts"),
              dir.resolve("tables"),
              env);
      runner = new StageRunner(runtime);
      httpPort = runner.start();
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the collector", e);
    }
  }

  /** Limits small enough for tests: 4 KiB events, 64 KiB requests, 50 events, 1 KiB kept. */
  public static PayloadLimits smallLimits() {
    PayloadLimits limits = new PayloadLimits();
    limits.setMaxEventBytes(4096);
    limits.setMaxRequestBytes(65_536);
    limits.setMaxBatchEvents(50);
    limits.setDeadLetterPayloadCapBytes(1024);
    return limits;
  }

  /** Writes (or replaces) a contract bundle governing {@code eventType}. */
  public void writeContract(String contract, String eventType) throws IOException {
    writeContract(dir.resolve("contracts"), contract, eventType);
  }

  public String eventsUrl() {
    return "http://127.0.0.1:" + httpPort + CollectorStage.EVENTS_PATH;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + httpPort + path;
  }

  @Override
  public void close() throws IOException {
    runner.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void writeContract(Path contractsDir, String contract, String eventType)
      throws IOException {
    ContractBundle bundle = new ContractBundle();
    bundle.setName(contract);
    bundle.setEventType(eventType);
    bundle.setAcceptedVersion(1);
    Path file = contractsDir.resolve(contract).resolve("contract.json");
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("contract.json.tmp");
    new ObjectMapper().writeValue(tmp.toFile(), bundle);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
