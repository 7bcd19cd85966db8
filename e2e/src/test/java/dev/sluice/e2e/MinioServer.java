package dev.sluice.e2e;

import static org.awaitility.Awaitility.await;

import io.minio.BucketExistsArgs;
import io.minio.MinioClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real MinIO on a free loopback port, started with {@code tools/servers/start.sh minio} (after
 * {@code tools/servers/install.sh minio}), data and log under the given directory.
 */
final class MinioServer implements AutoCloseable {

  static final String ACCESS_KEY = "sluice";
  static final String SECRET_KEY = "sluice-secret";

  private final Process process;
  private final int port;

  private MinioServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts MinIO in {@code dir} and waits until it is ready (60 s at most). */
  static MinioServer start(Path dir) throws IOException {
    Files.createDirectories(dir);
    int port = freePortPair();
    ProcessBuilder builder =
        new ProcessBuilder(
                Repo.root().resolve("tools/servers/start.sh").toString(),
                "minio",
                Integer.toString(port),
                dir.resolve("data").toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("minio.log").toFile());
    builder.environment().put("MINIO_ROOT_USER", ACCESS_KEY);
    builder.environment().put("MINIO_ROOT_PASSWORD", SECRET_KEY);
    MinioServer server = new MinioServer(builder.start(), port);
    HttpClient http = HttpClient.newHttpClient();
    URI ready = URI.create(server.endpoint() + "/minio/health/ready");
    try {
      await("MinIO ready (tools/servers/install.sh minio installed?), log " + dir)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                if (!server.process.isAlive()) {
                  throw new IllegalStateException(
                      "MinIO exited: " + Files.readString(dir.resolve("minio.log")));
                }
                try {
                  return http.send(
                              HttpRequest.newBuilder(ready).build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200;
                } catch (IOException notYet) {
                  return false;
                }
              });
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** {@code http://127.0.0.1:<port>}. */
  String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A minio-java client with the root credentials. */
  MinioClient client() {
    return MinioClient.builder()
        .endpoint(endpoint())
        .region("us-east-1")
        .credentials(ACCESS_KEY, SECRET_KEY)
        .build();
  }

  /** Whether {@code bucket} exists. */
  boolean bucketExists(String bucket) {
    try {
      return client().bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
    } catch (Exception e) {
      throw new IllegalStateException("cannot ask MinIO about bucket " + bucket, e);
    }
  }

  /** Whether each of {@code buckets} exists, in order. */
  List<Boolean> bucketsExist(List<String> buckets) {
    return buckets.stream().map(this::bucketExists).toList();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static int freePortPair() {
    for (int i = 0; i < 50; i++) {
      int port;
      try (ServerSocket socket = new ServerSocket(0)) {
        port = socket.getLocalPort();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      try (ServerSocket console = new ServerSocket(port + 1)) {
        return port;
      } catch (IOException busy) {
        // the console port is taken: try another pair
      }
    }
    throw new IllegalStateException("no free pair of loopback ports");
  }
}
