package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every bad sample of {@code bad-samples/} is rejected by {@code kubectl apply} on a real API
 * server (OpenAPI schema, CEL rules, strict field validation), with a message that names the field;
 * each breaks exactly one rule, and every CEL rule of the CRDs has a bad sample.
 */
@SluiceE2E
class ValidationE2E {

  private static final String SKIPPED_RULES = "some validation rules were not checked";

  @BeforeAll
  static void installCrds(Cluster cluster) {
    cluster.installSluiceCrds();
  }

  static List<BadSample> badSamples() throws IOException, URISyntaxException {
    Path dir = Path.of(ValidationE2E.class.getResource("/bad-samples").toURI());
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .sorted()
          .map(BadSample::read)
          .toList();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSamples")
  void rejectedWithAMessageNamingTheField(
      BadSample sample, Kubectl kubectl, TestNamespace namespace) {
    CommandResult result =
        kubectl.run(
            "apply", "--validate=strict", "-n", namespace.name(), "-f", sample.file().toString());

    assertThat(result.exitCode()).as("accepted, but breaks %s", sample.breaks()).isNotZero();
    assertThat(result.stderr()).as(result.describe()).contains(sample.expected());
    assertThat(errorCount(result.stderr()))
        .as("breaks more than %s:\n%s", sample.breaks(), result.stderr())
        .isEqualTo(1);
  }

  @Test
  void everyCelRuleOfTheCrdsHasABadSample(KubernetesClient client) throws Exception {
    List<CelRule> rules =
        Repo.crdFiles().stream()
            .flatMap(file -> CelRule.of(CrdInstaller.read(client, file)).stream())
            .toList();
    List<BadSample> samples = badSamples();

    List<CelRule> uncovered =
        rules.stream().filter(rule -> samples.stream().noneMatch(s -> covers(s, rule))).toList();

    assertThat(rules).isNotEmpty();
    assertThat(uncovered)
        .as("CEL rules without a bad sample that expects their rejection")
        .isEmpty();
  }

  private static boolean covers(BadSample sample, CelRule rule) {
    Pattern rejection = rejectionOf(rule);
    return sample.kind().equals(rule.kind())
        && sample.expected().stream().anyMatch(e -> rejection.matcher(e).find());
  }

  /** What the API server answers when the rule fails: {@code <path>: Invalid value: ...}. */
  private static Pattern rejectionOf(CelRule rule) {
    String path = Pattern.quote(rule.path()).replace("[]", "\\E\\[\\d+\\]\\Q");
    return Pattern.compile(
        "^" + path + ": Invalid value: \"object\": " + Pattern.quote(rule.message()) + "$");
  }

  /**
   * How many errors a rejection lists: one inline, or several as {@code * ...} lines. The note that
   * CEL rules were skipped because of another error is not counted.
   */
  private static long errorCount(String stderr) {
    long listed =
        stderr
            .lines()
            .filter(l -> l.startsWith("* "))
            .filter(l -> !l.contains(SKIPPED_RULES))
            .count();
    return Math.max(listed, 1);
  }
}
