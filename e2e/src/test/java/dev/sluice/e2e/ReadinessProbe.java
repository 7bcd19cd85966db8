package dev.sluice.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** Waits for a child process's HTTP readiness endpoint, like a kubelet's readiness probe. */
final class ReadinessProbe {

  private ReadinessProbe() {}

  /**
   * Polls {@code GET <url>} every 500 ms until it answers 200.
   *
   * @param what the process, for messages
   * @param logTail the process's recent output, added to the error
   * @throws AssertionError when the process exits or {@code timeout} passes first
   */
  static void await200(
      String what, Process process, URI url, Duration timeout, Supplier<String> logTail) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    try {
      await(what + " " + url)
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                if (!process.isAlive()) {
                  throw new AssertionError(what + " exited with " + process.exitValue());
                }
                try {
                  return http.send(
                              HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(2)).build(),
                              HttpResponse.BodyHandlers.discarding())
                          .statusCode()
                      == 200;
                } catch (IOException notYet) {
                  return false;
                }
              });
    } catch (ConditionTimeoutException | AssertionError e) {
      throw new AssertionError(what + " did not become ready:\n" + logTail.get(), e);
    }
  }
}
