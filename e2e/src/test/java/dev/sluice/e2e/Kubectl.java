package dev.sluice.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The real {@code kubectl} on {@code PATH}, pointed at the test cluster. Its discovery cache is
 * private to this build, so a CRD applied by the test is seen at once.
 */
public final class Kubectl {

  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private final String kubeconfig;
  private final Path cacheDir;

  Kubectl(String kubeconfig, Path cacheDir) {
    this.kubeconfig = kubeconfig;
    this.cacheDir = cacheDir;
  }

  /**
   * Runs {@code kubectl <args>}.
   *
   * @param args the arguments, e.g. {@code "get", "dp", "-n", "ns"}
   * @return the exit code and outputs, whether or not it succeeded
   */
  public CommandResult run(String... args) {
    return runWithInput(null, args);
  }

  /**
   * Runs {@code kubectl <args>} with text on standard input (e.g. {@code apply -f -}).
   *
   * @param stdin the text to feed, or null for none
   * @param args the arguments
   * @return the exit code and outputs
   */
  public CommandResult runWithInput(String stdin, String... args) {
    List<String> command = new ArrayList<>();
    command.add("kubectl");
    command.add("--cache-dir=" + cacheDir);
    command.addAll(List.of(args));
    return Commands.run(command, Map.of("KUBECONFIG", kubeconfig), stdin, TIMEOUT);
  }

  /**
   * Runs {@code kubectl <args>} until it succeeds, for commands that depend on what the server
   * publishes asynchronously (discovery, OpenAPI of a new CRD).
   *
   * @param timeout how long to keep trying
   * @return the standard output of the first successful run
   * @throws AssertionError when it still fails at the deadline, with the last command and output
   */
  public String awaitSuccess(Duration timeout, String... args) {
    AtomicReference<CommandResult> last = new AtomicReference<>();
    try {
      await("kubectl " + String.join(" ", args))
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(250))
          .until(() -> update(last, run(args)).succeeded());
    } catch (ConditionTimeoutException e) {
      throw new AssertionError(
          "kubectl kept failing for " + timeout + ":\n" + last.get().describe(), e);
    }
    return last.get().stdout();
  }

  /** Forgets the cached discovery, so that kubectl sees resources (CRDs) added since. */
  public void invalidateDiscovery() {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    } catch (NoSuchFileException e) {
      // Nothing cached yet.
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + cacheDir, e);
    }
  }

  private static CommandResult update(AtomicReference<CommandResult> last, CommandResult result) {
    last.set(result);
    return result;
  }

  /**
   * Runs {@code kubectl <args>} and returns its standard output.
   *
   * @throws AssertionError when kubectl exits with non-zero, with the command and its output
   */
  public String succeed(String... args) {
    CommandResult result = run(args);
    if (!result.succeeded()) {
      throw new AssertionError("kubectl failed:\n" + result.describe());
    }
    return result.stdout();
  }

  /**
   * Runs {@code kubectl <args>} with text on standard input and returns its standard output.
   *
   * @throws AssertionError when kubectl exits with non-zero, with the command and its output
   */
  public String succeedWithInput(String stdin, String... args) {
    CommandResult result = runWithInput(stdin, args);
    if (!result.succeeded()) {
      throw new AssertionError("kubectl failed:\n" + result.describe());
    }
    return result.stdout();
  }
}
