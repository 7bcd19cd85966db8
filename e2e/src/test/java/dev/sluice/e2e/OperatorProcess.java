package dev.sluice.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Sluice operator ({@code dev.sluice.operator.SluiceOperator}) as a child JVM, the way its
 * image runs it: the operator jar plus the operator module's runtime dependencies. Its stdout and
 * stderr (JSON log lines) go to a file.
 *
 * <p>The jar is {@code operator/target/sluice-operator-<version>.jar} (system property {@code
 * sluice.e2e.operator.jar}, set by the e2e pom). The dependencies are the operator module's runtime
 * class path, resolved from the local Maven repository by {@code ./mvnw -o -f operator/pom.xml
 * dependency:build-classpath -Dmdep.includeScope=runtime} (what the image's {@code
 * copy-dependencies} copies). Both need {@code ./mvnw -pl crds,pipeline-runtime,operator install
 * -DskipTests} first. The class path is resolved once per JVM.
 */
final class OperatorProcess implements AutoCloseable {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static String classpath;

  private final Process process;
  private final Path log;
  private final int httpPort;

  private OperatorProcess(Process process, Path log, int httpPort) {
    this.process = process;
    this.log = log;
    this.httpPort = httpPort;
  }

  /**
   * Starts the operator.
   *
   * @param env the operator's environment ({@code KUBECONFIG}, {@code SLUICE_*}); {@code
   *     SLUICE_HTTP_PORT} must be set
   * @param log the file its output goes to (appended to, so a restarted operator's output follows
   *     the killed one's)
   * @param jvmOptions options of the JVM, e.g. {@code -Xmx384m}
   * @return the running process; {@link #awaitReady} waits for its readiness endpoint
   */
  static OperatorProcess start(Map<String, String> env, Path log, List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(operatorJar() + java.io.File.pathSeparator + dependencyClasspath());
    command.add("dev.sluice.operator.SluiceOperator");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // Only what is given: no KUBECONFIG or SLUICE_* of the developer's shell leaks in.
    builder.environment().keySet().removeIf(k -> k.startsWith("SLUICE_") || k.equals("KUBECONFIG"));
    builder.environment().putAll(env);
    try {
      return new OperatorProcess(
          builder.start(), log, Integer.parseInt(env.get("SLUICE_HTTP_PORT")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the operator", e);
    }
  }

  /**
   * Waits until {@code /health/ready} answers 200.
   *
   * @throws AssertionError when it does not within {@code timeout} or the process exits, with the
   *     log's tail
   */
  void awaitReady(Duration timeout) {
    ReadinessProbe.await200(
        "the operator",
        process,
        URI.create("http://127.0.0.1:" + httpPort + "/health/ready"),
        timeout,
        () -> logTail(80));
  }

  /** The process id, e.g. for {@code jcmd}. */
  long pid() {
    return process.pid();
  }

  /** Whether the process runs. */
  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * {@code GET /metrics}: the Prometheus text of JOSDK's and the JVM's meters.
   *
   * @throws IllegalStateException when it does not answer 200 within 10 s
   */
  String metrics() {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("/metrics answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the operator's /metrics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Kills the process with SIGKILL, as a node failure or an OOM kill would: no shutdown hook runs,
   * the leader-election Lease is not released, an in-flight reconciliation stops where it is.
   */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last {@code lines} lines of the operator's output. */
  String logTail(int lines) {
    return LogTail.of(log, lines);
  }

  /** Stops the operator (SIGTERM, then SIGKILL after 20 s). */
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

  private static Path operatorJar() {
    String configured = System.getProperty("sluice.e2e.operator.jar");
    Path jar =
        configured != null
            ? Path.of(configured)
            : Repo.root().resolve("operator/target/sluice-operator-0.1.0-SNAPSHOT.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar
              + " is missing: run ./mvnw -B -ntp -pl crds,pipeline-runtime,operator install"
              + " -DskipTests first");
    }
    return jar;
  }

  /** The operator module's runtime class path, resolved offline from the local repository. */
  private static synchronized String dependencyClasspath() {
    if (classpath == null) {
      classpath = resolveDependencyClasspath();
    }
    return classpath;
  }

  private static String resolveDependencyClasspath() {
    Path out = Repo.workDir().resolve("operator.classpath");
    Path root = Repo.root();
    CommandResult result =
        Commands.run(
            List.of(
                root.resolve("mvnw").toString(),
                "-B",
                "-ntp",
                "-o",
                "-q",
                "-f",
                root.resolve("operator/pom.xml").toString(),
                "dependency:build-classpath",
                "-Dmdep.includeScope=runtime",
                "-Dmdep.outputFile=" + out),
            Map.of(),
            null,
            Duration.ofMinutes(3));
    if (!result.succeeded()) {
      throw new IllegalStateException(
          "cannot resolve the operator's class path (./mvnw -pl crds,pipeline-runtime,operator"
              + " install -DskipTests first):\n"
              + result.describe());
    }
    try {
      return Files.readString(out).strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
