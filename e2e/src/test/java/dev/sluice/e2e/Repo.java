package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Files of the Sluice repository the tests read: scripts, generated CRDs, samples. */
public final class Repo {

  private Repo() {}

  /**
   * The repository root: the {@code sluice.repo.root} system property (set by Failsafe), else the
   * nearest directory above the working directory that holds {@code helm-chart/crds}.
   */
  public static Path root() {
    String configured = System.getProperty("sluice.repo.root");
    if (configured != null) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("helm-chart/crds"))) {
        return dir;
      }
    }
    throw new IllegalStateException("cannot find the repository root (no helm-chart/crds above)");
  }

  /** The generated CRD files in {@code helm-chart/crds}, sorted by name. */
  public static List<Path> crdFiles() {
    return yamlFiles(root().resolve("helm-chart/crds"));
  }

  /** Every YAML file under {@code samples/}, sorted by path. */
  public static List<Path> sampleFiles() {
    return yamlFiles(root().resolve("samples"));
  }

  /** {@code e2e/cluster.sh}. */
  static Path clusterScript() {
    return root().resolve("e2e/cluster.sh");
  }

  /** {@code tools/servers/install.sh}. */
  static Path installScript() {
    return root().resolve("tools/servers/install.sh");
  }

  /** A scratch directory of this build ({@code e2e/target/e2e-work}), created on demand. */
  static Path workDir() {
    String configured = System.getProperty("sluice.e2e.work.dir");
    Path dir = configured != null ? Path.of(configured) : root().resolve("e2e/target/e2e-work");
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }
}
