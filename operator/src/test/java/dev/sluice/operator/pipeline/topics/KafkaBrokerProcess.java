package dev.sluice.operator.pipeline.topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) started as a child
 * JVM from the Kafka jars on the test class path ({@code org.apache.kafka:kafka_2.13}, test scope):
 * {@code kafka.tools.StorageTool format}, then {@code kafka.Kafka server.properties}. Its log is
 * {@code <dir>/broker.log}.
 */
public final class KafkaBrokerProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int port = freePort();
  private final int controllerPort = freePort();
  private Process process;

  private KafkaBrokerProcess(Path dir) {
    this.dir = dir;
  }

  /**
   * Formats storage in a new temporary directory, starts the broker and waits until it answers.
   *
   * @return the running broker
   * @throws IllegalStateException when it does not answer within 90 s (the message names its log)
   */
  public static KafkaBrokerProcess start() throws IOException, InterruptedException {
    KafkaBrokerProcess broker =
        new KafkaBrokerProcess(Files.createTempDirectory("sluice-operator-kafka-"));
    broker.run();
    return broker;
  }

  /** {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  private void run() throws IOException, InterruptedException {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dir.resolve("data").toString());
    p.put("auto.create.topics.enable", "false");
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    Path config = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(config)) {
      p.store(out, "sluice operator integration tests");
    }
    Process format =
        java(
                "kafka.tools.StorageTool",
                "format",
                "--config",
                config.toString(),
                "--cluster-id",
                Uuid.randomUuid().toString())
            .start();
    if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
      format.destroyForcibly();
      throw new IllegalStateException("formatting Kafka storage failed; see " + log());
    }
    process = java("kafka.Kafka", config.toString()).start();
    awaitReady();
  }

  private ProcessBuilder java(String mainClass, String... args) {
    List<String> command =
        new java.util.ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
    if (Runtime.version().feature() >= 24) {
      command.add(1, "--sun-misc-unsafe-memory-access=allow");
    }
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
  }

  private Path log() {
    return dir.resolve("broker.log");
  }

  private void awaitReady() throws InterruptedException {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException("Kafka exited while starting; see " + log());
        }
        try {
          admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
          return;
        } catch (Exception e) {
          if (Instant.now().isAfter(deadline)) {
            process.destroyForcibly();
            throw new IllegalStateException("Kafka did not start within 90 s; see " + log(), e);
          }
          Thread.sleep(200);
        }
      }
    }
  }

  /** A port nothing listens on, for unreachable-broker tests. */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
