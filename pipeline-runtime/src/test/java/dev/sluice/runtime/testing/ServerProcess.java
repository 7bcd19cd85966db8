package dev.sluice.runtime.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * One real server run by {@code tools/servers/start.sh} (which execs the server, so this process
 * handle is the server itself): start, wait for its readiness URL, stop (SIGTERM) or kill.
 */
final class ServerProcess {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final URI readyUrl;
  private final Path log;
  private final Duration startTimeout;
  private Process process;

  ServerProcess(
      String name,
      List<String> command,
      Map<String, String> env,
      URI readyUrl,
      Path log,
      Duration startTimeout) {
    this.name = name;
    this.command = command;
    this.env = env;
    this.readyUrl = readyUrl;
    this.log = log;
    this.startTimeout = startTimeout;
  }

  synchronized void start() {
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      pb.environment().putAll(env);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
    Awaitility.await(name + " ready at " + readyUrl + " (log " + log + ")")
        .atMost(startTimeout)
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              if (!process.isAlive()) {
                throw new IllegalStateException(
                    name + " exited with " + process.exitValue() + "; see " + log);
              }
              return HTTP.send(
                          HttpRequest.newBuilder(readyUrl).timeout(Duration.ofSeconds(5)).build(),
                          HttpResponse.BodyHandlers.discarding())
                      .statusCode()
                  == 200;
            });
  }

  /** SIGTERM, then SIGKILL after 60 s. */
  synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  synchronized boolean isRunning() {
    return process != null && process.isAlive();
  }
}
