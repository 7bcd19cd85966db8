package dev.sluice.operator.pipeline.buckets;

import dev.sluice.operator.pipeline.topics.KafkaBrokerProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A real MinIO server on 127.0.0.1, started with the repository's {@code tools/servers/start.sh
 * minio <port> <dir>} (which runs the binary {@code tools/servers/install.sh minio} built into
 * {@code ~/.cache/sluice/bin/minio-<version>/minio}). Root credentials are {@link #ACCESS_KEY} /
 * {@link #SECRET_KEY}; the log is {@code <dir>/minio.log}.
 */
public final class MinioServerProcess implements AutoCloseable {
  /** MinIO root user. */
  public static final String ACCESS_KEY = "sluice";

  /** MinIO root password. */
  public static final String SECRET_KEY = "sluice-secret";

  private final Path dir;
  private final Process process;
  private final int port;

  private MinioServerProcess(Path dir, Process process, int port) {
    this.dir = dir;
    this.process = process;
    this.port = port;
  }

  /**
   * Starts MinIO and waits for {@code /minio/health/ready}.
   *
   * @return the running server
   * @throws IllegalStateException when the binary is not installed or MinIO does not start in 60 s
   */
  public static MinioServerProcess start() throws IOException, InterruptedException {
    Path repo = Path.of("").toAbsolutePath().getParent();
    Path script = repo.resolve("tools/servers/start.sh");
    Path installer = repo.resolve("tools/servers/install.sh");
    Process path = new ProcessBuilder("bash", installer.toString(), "path", "minio").start();
    if (!path.waitFor(30, TimeUnit.SECONDS) || path.exitValue() != 0) {
      throw new IllegalStateException(
          "MinIO is not installed; run tools/servers/install.sh minio (builds it with Go)");
    }
    Path dir = Files.createTempDirectory("sluice-operator-minio-");
    int port = KafkaBrokerProcess.freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                script.toString(),
                "minio",
                String.valueOf(port),
                dir.resolve("data").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("minio.log").toFile());
    builder.environment().put("MINIO_ROOT_USER", ACCESS_KEY);
    builder.environment().put("MINIO_ROOT_PASSWORD", SECRET_KEY);
    MinioServerProcess minio = new MinioServerProcess(dir, builder.start(), port);
    minio.awaitReady();
    return minio;
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitReady() throws InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "MinIO exited while starting; see " + dir.resolve("minio.log"));
      }
      try {
        HttpResponse<Void> response =
            http.send(
                HttpRequest.newBuilder(URI.create(endpoint() + "/minio/health/ready"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "MinIO did not start within 60 s; see " + dir.resolve("minio.log"));
      }
      Thread.sleep(200);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
