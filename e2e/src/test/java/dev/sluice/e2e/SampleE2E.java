package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every YAML file under {@code samples/} is accepted as is by a real API server, with strict field
 * validation (an unknown field is an error) and no warning.
 */
@SluiceE2E
class SampleE2E {

  @BeforeAll
  static void installCrds(Cluster cluster) {
    cluster.installSluiceCrds();
  }

  static List<Path> samples() {
    return Repo.sampleFiles();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void acceptedByTheApiServer(Path sample, Kubectl kubectl, TestNamespace namespace) {
    CommandResult result =
        kubectl.run(
            "apply",
            "--dry-run=server",
            "--validate=strict",
            "-n",
            namespace.name(),
            "-f",
            sample.toString());

    assertThat(result.exitCode()).as(result.describe()).isZero();
    assertThat(result.stdout()).as(result.describe()).contains("(server dry run)");
    assertThat(result.stderr()).as(result.describe()).doesNotContainIgnoringCase("warning");
  }

  @Test
  void samplesCoverEveryKind() {
    List<String> kinds =
        samples().stream()
            .flatMap(sample -> lines(sample).stream())
            .filter(line -> line.startsWith("kind: "))
            .map(line -> line.substring("kind: ".length()).strip())
            .distinct()
            .toList();

    assertThat(kinds).contains("DataContract", "DataPipeline", "ModelDeployment");
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
