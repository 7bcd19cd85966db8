package dev.sluice.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the real servers installed by {@code tools/servers/install.sh} and the script that starts
 * them ({@code tools/servers/start.sh}), from the repository this test runs in.
 */
final class ServerInstall {

  /** The repository root: the first parent of the working directory holding tools/servers. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isExecutable(dir.resolve("tools/servers/install.sh"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "tools/servers/install.sh not found above " + Path.of("").toAbsolutePath());
    }
    return dir;
  }

  static Path startScript() {
    return repoRoot().resolve("tools/servers/start.sh");
  }

  /**
   * Checks that {@code component} is installed.
   *
   * @param name a name {@code install.sh path} accepts, e.g. {@code minio}
   * @throws IllegalStateException naming the install command when it is missing
   */
  static Path require(String name, String component) {
    Path install = repoRoot().resolve("tools/servers/install.sh");
    try {
      Process p =
          new ProcessBuilder(install.toString(), "path", name).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(
            name
                + " is not installed; run `tools/servers/install.sh "
                + component
                + "` first ("
                + out
                + ")");
      }
      return Path.of(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A free TCP port on loopback whose successor is free too (MinIO's console takes port + 1). */
  static int freePortPair() {
    for (int i = 0; i < 50; i++) {
      int port = freePort();
      try (ServerSocket next = new ServerSocket(port + 1)) {
        return port;
      } catch (IOException busy) {
        // try another
      }
    }
    throw new IllegalStateException("no free pair of ports found");
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree; used when a server's JVM-lifetime directory is no longer needed. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort at JVM exit: a temp dir left behind is not worth failing a run for
    }
  }

  private ServerInstall() {}
}
