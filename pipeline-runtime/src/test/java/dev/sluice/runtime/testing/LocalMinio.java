package dev.sluice.runtime.testing;

import dev.sluice.runtime.objectstore.MinioObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real MinIO server on a free loopback port ({@code tools/servers/install.sh minio}), with its
 * data in a temporary directory. {@link #shared()} starts one per test JVM and stops it at exit;
 * tests that stop MinIO for an outage use their own {@link #inTempDir()}.
 */
public final class LocalMinio implements AutoCloseable {
  public static final String ACCESS_KEY = "sluice";
  public static final String SECRET_KEY = "sluice-secret";
  private static LocalMinio shared;

  private final Path dir;
  private final int port;
  private final ServerProcess server;

  private LocalMinio(Path dir) {
    ServerInstall.require("minio", "minio");
    this.dir = dir;
    this.port = ServerInstall.freePortPair();
    this.server =
        new ServerProcess(
            "MinIO",
            List.of(
                ServerInstall.startScript().toString(),
                "minio",
                Integer.toString(port),
                dir.resolve("data").toString()),
            Map.of("MINIO_ROOT_USER", ACCESS_KEY, "MINIO_ROOT_PASSWORD", SECRET_KEY),
            URI.create(endpoint() + "/minio/health/ready"),
            dir.resolve("minio.log"),
            Duration.ofSeconds(60));
  }

  /** The MinIO server every test of this JVM shares, started on first use. */
  public static synchronized LocalMinio shared() {
    if (shared == null) {
      shared = inTempDir().start();
      LocalMinio s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "shared-minio-stop"));
    }
    return shared;
  }

  /** A new, not yet started server with its data in a new temporary directory. */
  public static LocalMinio inTempDir() {
    try {
      return new LocalMinio(Files.createTempDirectory("sluice-minio-"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the server (again, on the same port and data) and waits until it is ready. */
  public LocalMinio start() {
    server.start();
    return this;
  }

  /** Stops the server (SIGTERM); its data stays for {@link #start()}. */
  public void stop() {
    server.stop();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** A client of this server. */
  public MinioObjectStore store() {
    return new MinioObjectStore(endpoint(), "us-east-1", ACCESS_KEY, SECRET_KEY);
  }

  /** Stops the server and deletes its data. */
  @Override
  public void close() {
    server.stop();
    ServerInstall.deleteTree(dir);
  }
}
