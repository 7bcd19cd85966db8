package dev.sluice.operator.rollout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A model stage (model-server or model-router) as a child JVM, started the way a pod starts it:
 * {@code dev.sluice.runtime.cli.SluiceCli --stage <stage> --config <file>} from the runtime's
 * classes on this test's classpath, {@code SLUICE_HTTP_PORT} a free port, output in a log file.
 */
final class StageProcess implements AutoCloseable {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final Process process;
  private final int port;
  private final Path config;
  private final Path log;

  private StageProcess(Process process, int port, Path config, Path log) {
    this.process = process;
    this.port = port;
    this.config = config;
    this.log = log;
  }

  /**
   * Starts the stage and waits until {@code /v2/health/ready} answers 200.
   *
   * @param name file name prefix of its configuration and log in {@code dir}
   */
  static StageProcess start(String stage, String name, Path dir, String yaml) throws IOException {
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(config, yaml);
    Path log = dir.resolve(name + ".log");
    int port = freePort();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "--enable-native-access=ALL-UNNAMED",
                    "-cp",
                    System.getProperty("java.class.path"),
                    "dev.sluice.runtime.cli.SluiceCli",
                    "--stage",
                    stage,
                    "--config",
                    config.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("SLUICE_HTTP_PORT", Integer.toString(port));
    pb.environment().put("SLUICE_INSTANCE", name);
    StageProcess started = new StageProcess(pb.start(), port, config, log);
    Awaitility.await(name + " ready (log " + log + ")")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(250))
        .ignoreExceptions()
        .until(started::ready);
    return started;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  boolean ready() throws IOException, InterruptedException {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "exited with " + process.exitValue() + ": " + Files.readString(log));
    }
    return HTTP.send(
                HttpRequest.newBuilder(URI.create(url() + "/v2/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding())
            .statusCode()
        == 200;
  }

  /**
   * Replaces the configuration file at once (write aside, then move), as a ConfigMap update swaps
   * the mounted file, so the stage never reads half a file.
   */
  void rewriteConfig(String yaml) throws IOException {
    Path next = config.resolveSibling(config.getFileName() + ".next");
    Files.writeString(next, yaml);
    Files.move(next, config, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  String get(String path) throws IOException, InterruptedException {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
