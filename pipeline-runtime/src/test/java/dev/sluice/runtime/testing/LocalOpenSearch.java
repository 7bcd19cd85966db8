package dev.sluice.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A real single-node OpenSearch ({@code tools/servers/install.sh opensearch}) — or, from {@link
 * #elasticsearchInTempDir}, Elasticsearch 8 ({@code install.sh elasticsearch}, security off) — on
 * free loopback ports with a 512 MiB heap; {@code start.sh} runs it as the system user {@code
 * sluice} when the tests run as root. {@link #shared()} starts one OpenSearch per test JVM and
 * stops it at exit.
 */
public final class LocalOpenSearch implements AutoCloseable {
  private static LocalOpenSearch shared;

  private final Path dir;
  private final int port;
  private final ServerProcess server;

  private LocalOpenSearch(Path dir, String distribution, Map<String, String> settings) {
    ServerInstall.require(distribution, distribution);
    ServerInstall.require("opensearch-java-home", distribution);
    this.dir = dir;
    this.port = ServerInstall.freePort();
    this.server =
        new ServerProcess(
            distribution,
            List.of(
                ServerInstall.startScript().toString(),
                distribution,
                Integer.toString(port),
                dir.resolve("work").toString()),
            Map.of(
                "SLUICE_OPENSEARCH_HEAP",
                "512m",
                "SLUICE_OPENSEARCH_TRANSPORT_PORT",
                Integer.toString(ServerInstall.freePort()),
                "SLUICE_OPENSEARCH_SETTINGS",
                settings.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "))),
            URI.create(url() + "/_cluster/health?wait_for_status=yellow&timeout=1s"),
            dir.resolve(distribution + "-console.log"),
            Duration.ofSeconds(180));
  }

  /** The node every test of this JVM shares, started on first use. */
  public static synchronized LocalOpenSearch shared() {
    if (shared == null) {
      shared = inTempDir().start();
      LocalOpenSearch s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close, "shared-opensearch-stop"));
    }
    return shared;
  }

  /** A new, not yet started node in a new temporary directory. */
  public static LocalOpenSearch inTempDir() {
    return inTempDir(Map.of());
  }

  /**
   * A new, not yet started node in a new temporary directory, with extra node settings (e.g. {@code
   * http.max_content_length}).
   */
  public static LocalOpenSearch inTempDir(Map<String, String> settings) {
    return inTempDir("opensearch", settings);
  }

  /** A new, not yet started Elasticsearch 8 node (plain HTTP) in a new temporary directory. */
  public static LocalOpenSearch elasticsearchInTempDir() {
    return inTempDir("elasticsearch", Map.of());
  }

  private static LocalOpenSearch inTempDir(String distribution, Map<String, String> settings) {
    try {
      Path dir = Files.createTempDirectory("sluice-" + distribution + "-");
      // the node runs as another user, which must reach its work directory under this one
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
      return new LocalOpenSearch(dir, distribution, settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the node (again, on the same port and data) and waits for a yellow cluster. */
  public LocalOpenSearch start() {
    server.start();
    return this;
  }

  /** Stops the node (SIGTERM); its data stays for {@link #start()}. */
  public void stop() {
    server.stop();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** Stops the node and deletes its data. */
  @Override
  public void close() {
    server.stop();
    ServerInstall.deleteTree(dir);
  }
}
