package dev.sluice.api.v1alpha1;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Where the build writes the generated CRDs and where the chart keeps the committed copies. */
final class GeneratedCrds {
  static final Path GENERATED = Path.of("target", "classes", "META-INF", "fabric8");
  static final Path COMMITTED = Path.of("..", "helm-chart", "crds");

  /** Committed file name by generated file name, one per Sluice kind. */
  static final Map<String, String> FILES =
      Map.of(
          "datacontracts.sluice.dev-v1.yml", "datacontracts.sluice.dev.yaml",
          "datapipelines.sluice.dev-v1.yml", "datapipelines.sluice.dev.yaml",
          "modeldeployments.sluice.dev-v1.yml", "modeldeployments.sluice.dev.yaml");

  static String generated(String kindPlural) {
    return read(GENERATED.resolve(kindPlural + ".sluice.dev-v1.yml"));
  }

  static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private GeneratedCrds() {}
}
