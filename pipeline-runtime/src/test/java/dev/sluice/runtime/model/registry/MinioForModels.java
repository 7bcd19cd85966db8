package dev.sluice.runtime.model.registry;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real MinIO server for the model registry tests, started with the repository's {@code
 * tools/servers/start.sh minio <port> <dir>} (binary installed by {@code tools/servers/install.sh
 * minio}). Kept minimal and local to the model tests until a shared MinIO test helper is on main.
 */
final class MinioForModels implements AutoCloseable {
  static final String ACCESS_KEY = "sluice";
  static final String SECRET_KEY = "sluice-secret";

  private final Process process;
  private final Path dir;
  private final int port;

  private MinioForModels(Process process, Path dir, int port) {
    this.process = process;
    this.dir = dir;
    this.port = port;
  }

  static MinioForModels start() throws IOException {
    Path repo = Path.of("").toAbsolutePath().getParent();
    Path dir = Files.createTempDirectory("sluice-model-minio-");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    ProcessBuilder builder =
        new ProcessBuilder(
                "bash",
                repo.resolve("tools/servers/start.sh").toString(),
                "minio",
                String.valueOf(port),
                dir.resolve("data").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("minio.log").toFile());
    builder.environment().put("MINIO_ROOT_USER", ACCESS_KEY);
    builder.environment().put("MINIO_ROOT_PASSWORD", SECRET_KEY);
    MinioForModels minio = new MinioForModels(builder.start(), dir, port);
    HttpClient http = HttpClient.newHttpClient();
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              if (!minio.process.isAlive()) {
                throw new IllegalStateException("MinIO exited; see " + dir.resolve("minio.log"));
              }
              return http.send(
                          HttpRequest.newBuilder(
                                  URI.create(minio.endpoint() + "/minio/health/ready"))
                              .build(),
                          HttpResponse.BodyHandlers.discarding())
                      .statusCode()
                  == 200;
            });
    return minio;
  }

  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
