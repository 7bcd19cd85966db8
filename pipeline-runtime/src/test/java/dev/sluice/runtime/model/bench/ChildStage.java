package dev.sluice.runtime.model.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A model stage as its own JVM, as in a pod: {@code SluiceCli --stage <stage> --config <file>} on
 * this program's classpath, on a free port; optionally recording a JFR profile.
 */
final class ChildStage implements AutoCloseable {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final Process process;
  private final int port;
  private final Path log;

  private ChildStage(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /**
   * Starts the stage and waits (up to 2 minutes) until it is ready.
   *
   * @param jfr where to write a JFR recording of the whole run (profile settings), or null
   */
  static ChildStage start(String stage, String name, Path dir, String yaml, Path jfr)
      throws Exception {
    Path config = dir.resolve(name + ".yaml");
    Files.writeString(config, yaml);
    Path log = dir.resolve(name + ".log");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx512m");
    command.add("--enable-native-access=ALL-UNNAMED");
    if (jfr != null) {
      command.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile");
    }
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.sluice.runtime.cli.SluiceCli",
            "--stage",
            stage,
            "--config",
            config.toString()));
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("SLUICE_HTTP_PORT", Integer.toString(port));
    pb.environment().put("SLUICE_INSTANCE", name);
    ChildStage child = new ChildStage(pb.start(), port, log);
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!child.ready()) {
      if (!child.process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(name + " did not start; log: " + Files.readString(log));
      }
      Thread.sleep(200); // a benchmark, not a test: plain polling until the stage is up
    }
    return child;
  }

  /** CPU time this stage's JVM has used so far (user + system, all threads). */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  int port() {
    return port;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private boolean ready() {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(url() + "/v2/health/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGTERM (a JFR recording is written on exit), then SIGKILL after 30 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  Path log() {
    return log;
  }
}
