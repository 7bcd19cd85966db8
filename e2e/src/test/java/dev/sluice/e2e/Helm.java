package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real {@code helm} ({@code SLUICE_HELM}, else {@code tools/servers/install.sh path helm}),
 * with its cache, config and data in the build directory. Renders {@code helm-chart/} with no API
 * server.
 */
final class Helm {

  private Helm() {}

  /**
   * {@code helm template <release> helm-chart -n <namespace> <set...>}.
   *
   * @return the rendered YAML
   * @throws AssertionError when helm fails, with its output
   */
  static String template(String release, String namespace, String... set) {
    List<String> command =
        new ArrayList<>(
            List.of(
                locate().toString(),
                "template",
                release,
                Repo.root().resolve("helm-chart").toString(),
                "-n",
                namespace));
    command.addAll(List.of(set));
    Path home = home();
    CommandResult result =
        Commands.run(
            command,
            Map.of(
                "HELM_CACHE_HOME", home.resolve("cache").toString(),
                "HELM_CONFIG_HOME", home.resolve("config").toString(),
                "HELM_DATA_HOME", home.resolve("data").toString()),
            null,
            Duration.ofMinutes(1));
    if (!result.succeeded()) {
      throw new AssertionError("helm failed:\n" + result.describe());
    }
    return result.stdout();
  }

  private static Path home() {
    try {
      return Files.createDirectories(Repo.workDir().resolve("helm-home"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path locate() {
    String configured = System.getenv("SLUICE_HELM");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    CommandResult path =
        Commands.run(
            List.of(Repo.installScript().toString(), "path", "helm"),
            Map.of(),
            null,
            Duration.ofSeconds(30));
    if (!path.succeeded()) {
      throw new IllegalStateException(
          "helm is not installed: run tools/servers/install.sh helm, or set SLUICE_HELM.\n"
              + path.describe());
    }
    return Path.of(path.stdout().strip());
  }
}
