package dev.sluice.runtime.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker in KRaft mode ({@code process.roles=broker,controller}), run as a
 * child JVM from the Kafka jars on this process's class path. {@code sluice dev} and the tests use
 * it; a child process (rather than the same JVM) lets a test stop, kill and restart the broker the
 * way an outage would.
 *
 * <p>The data directory survives {@link #stop()} and {@link #kill()}, so {@link #start()} after
 * either brings the same broker back on the same port with its topics and offsets.
 */
public final class LocalKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final int heapMb;
  private Process process;

  /**
   * @param dir directory for the broker's configuration, data ({@code data/}) and log ({@code
   *     broker.log}); created if missing, formatted on first start
   * @param port the client (PLAINTEXT) port on 127.0.0.1, or 0 for a free one
   * @param heapMb the child JVM's maximum heap, in MiB
   */
  public LocalKafkaBroker(Path dir, int port, int heapMb) {
    this.dir = dir;
    this.port = port == 0 ? freePort() : port;
    this.controllerPort = freePort();
    this.heapMb = heapMb;
  }

  /** A broker in a new temporary directory on a free port, with a 512 MiB heap. */
  public static LocalKafkaBroker inTempDir() {
    try {
      return new LocalKafkaBroker(Files.createTempDirectory("sluice-kafka-"), 0, 512);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:<port>}, the value for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /** The broker's directory (configuration, data and log). */
  public Path dir() {
    return dir;
  }

  /**
   * Formats the storage on first use, starts the broker and waits until it answers a metadata
   * request.
   *
   * @throws IllegalStateException when the broker does not answer within 90 s (its log is named in
   *     the message) or is already running
   */
  public synchronized LocalKafkaBroker start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("Kafka broker already running on " + bootstrapServers());
    }
    try {
      Files.createDirectories(dir);
      Path config = writeConfig();
      if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
        format(config);
      }
      process =
          java("kafka.Kafka", config.toString())
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
              .start();
      awaitReady();
      LOG.info("Kafka broker ready on {} (dir {})", bootstrapServers(), dir);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Kafka broker in " + dir, e);
    }
  }

  /** Stops the broker gracefully (SIGTERM) and waits up to 30 s for it to exit. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    waitForExit(Duration.ofSeconds(30));
  }

  /** Kills the broker (SIGKILL), like a crash: nothing is flushed or handed over. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    process.destroyForcibly();
    waitForExit(Duration.ofSeconds(10));
  }

  /** Whether the broker process is alive. */
  public synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the broker; the directory is left in place. */
  @Override
  public void close() {
    stop();
  }

  private Path log() {
    return dir.resolve("broker.log");
  }

  private Path writeConfig() throws IOException {
    Properties p = new Properties();
    p.putAll(
        Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
            Map.entry(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("log.dirs", dir.resolve("data").toString()),
            Map.entry("num.partitions", "3"),
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "5"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "5"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("log.flush.interval.messages", "1000000")));
    Path config = dir.resolve("server.properties");
    try (var out = Files.newBufferedWriter(config)) {
      p.store(out, "Written by Sluice LocalKafkaBroker");
    }
    return config;
  }

  private void format(Path config) throws IOException {
    String clusterId = Uuid.randomUuid().toString();
    Process format =
        java(
                "kafka.tools.StorageTool",
                "format",
                "--config",
                config.toString(),
                "--cluster-id",
                clusterId)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start();
    try {
      if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
        format.destroyForcibly();
        throw new IllegalStateException("formatting Kafka storage failed; see " + log());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while formatting Kafka storage", e);
    }
  }

  private ProcessBuilder java(String mainClass, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heapMb + "m");
    if (Runtime.version().feature() >= 24) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-Dlogback.configurationFile=sluice-kafka-logback.xml");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass);
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  private void awaitReady() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    try (Admin admin = Admin.create(props)) {
      while (true) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "Kafka broker exited with " + process.exitValue() + " while starting; see " + log());
        }
        try {
          admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
          return;
        } catch (ExecutionException | TimeoutException e) {
          if (Instant.now().isAfter(deadline)) {
            process.destroyForcibly();
            throw new IllegalStateException(
                "Kafka broker did not answer within " + START_TIMEOUT + "; see " + log(), e);
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
      }
    }
  }

  private void waitForExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
