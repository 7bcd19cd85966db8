package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A Sluice runtime process as a child JVM from the pipeline-runtime jar ({@code java -jar
 * pipeline-runtime/target/sluice-pipeline-runtime-<version>.jar <args>}, the jar whose manifest
 * names its dependencies in {@code target/lib/}; system property {@code sluice.e2e.runtime.jar}): a
 * stage ({@code --stage ... --config ...}) or a command ({@code send ...}). Its output goes to a
 * file.
 */
final class StageProcess implements AutoCloseable {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final String name;
  private final Process process;
  private final Path log;

  private StageProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code java -jar <runtime jar> <args>} with a 256 MiB heap.
   *
   * @param name what runs, for messages
   * @param env the whole environment of the process besides {@code PATH}/{@code HOME}: no {@code
   *     SLUICE_*} or {@code KUBECONFIG} of the developer's shell leaks in
   * @param log the file its output goes to (replaced)
   */
  static StageProcess start(String name, List<String> args, Map<String, String> env, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar"));
    command.add(runtimeJar().toString());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    builder.environment().keySet().removeIf(k -> k.startsWith("SLUICE_") || k.equals("KUBECONFIG"));
    builder.environment().putAll(env);
    try {
      return new StageProcess(name, builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /**
   * Waits until {@code GET http://127.0.0.1:<httpPort>/health/ready} answers 200.
   *
   * @throws AssertionError when it does not within {@code timeout}, or the process exits
   */
  void awaitReady(int httpPort, Duration timeout) {
    ReadinessProbe.await200(
        name,
        process,
        URI.create("http://127.0.0.1:" + httpPort + "/health/ready"),
        timeout,
        () -> LogTail.of(log, 60));
  }

  /**
   * Waits for a run-to-completion command.
   *
   * @return its exit code
   * @throws AssertionError when it runs longer than {@code timeout} (it is killed)
   */
  int awaitExit(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(name + " ran longer than " + timeout + ":\n" + logTail(60));
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Everything the process printed. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The last {@code lines} lines of its output. */
  String logTail(int lines) {
    return LogTail.of(log, lines);
  }

  /** Stops the process (SIGTERM, as a pod's termination; SIGKILL after 20 s). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }

  private static Path runtimeJar() {
    String configured = System.getProperty("sluice.e2e.runtime.jar");
    Path jar =
        configured != null
            ? Path.of(configured)
            : Repo.root()
                .resolve("pipeline-runtime/target/sluice-pipeline-runtime-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
      throw new IllegalStateException(
          jar
              + " or its lib/ is missing: run ./mvnw -B -ntp -pl crds,pipeline-runtime install"
              + " -DskipTests first");
    }
    return jar;
  }
}
