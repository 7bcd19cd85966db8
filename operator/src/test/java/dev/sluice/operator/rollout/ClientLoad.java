package dev.sluice.operator.rollout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * Clients of a model: sends flight inference requests to the router at a fixed rate (open loop, at
 * most {@link #MAX_IN_FLIGHT} outstanding) and records every answer with its send time, the variant
 * and version that answered, and the body.
 */
final class ClientLoad implements AutoCloseable {
  static final int MAX_IN_FLIGHT = 64;
  private static final Pattern VERSION = Pattern.compile("\"model_version\"\\s*:\\s*\"([^\"]*)\"");

  /**
   * One request's outcome.
   *
   * @param sentNanos {@link System#nanoTime()} when it was sent
   * @param row index of the flight in {@link FlightRequests#load()}
   * @param status HTTP status, 0 when no answer came (connection failure, timeout)
   * @param variant the {@code sluice-variant} header, or null
   * @param version {@code model_version} of the body, or null
   */
  record Answer(long sentNanos, int row, int status, String variant, String version, String body) {
    boolean failed() {
      return status == 0 || status >= 500;
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
  private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger next = new AtomicInteger();
  private final URI infer;
  private final List<String> requests;

  ClientLoad(String routerUrl, List<String> requests, int perSecond) {
    this.infer = URI.create(routerUrl + "/v2/models/flight-delay/infer");
    this.requests = requests;
    ticker.scheduleAtFixedRate(this::send, 0, 1_000_000_000L / perSecond, TimeUnit.NANOSECONDS);
  }

  private void send() {
    if (inFlight.get() >= MAX_IN_FLIGHT) {
      return;
    }
    int row = Math.floorMod(next.getAndIncrement(), requests.size());
    long sent = System.nanoTime();
    inFlight.incrementAndGet();
    http.sendAsync(
            HttpRequest.newBuilder(infer)
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requests.get(row)))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .whenComplete(
            (r, e) -> {
              if (r == null) {
                answers.add(new Answer(sent, row, 0, null, null, String.valueOf(e)));
              } else {
                Matcher m = VERSION.matcher(r.body());
                answers.add(
                    new Answer(
                        sent,
                        row,
                        r.statusCode(),
                        r.headers().firstValue("sluice-variant").orElse(null),
                        m.find() ? m.group(1) : null,
                        r.body()));
              }
              inFlight.decrementAndGet();
            });
  }

  /** The answers so far. */
  List<Answer> answers() {
    return List.copyOf(answers);
  }

  /** Answers to requests sent after {@code nanos}. */
  List<Answer> sentAfter(long nanos) {
    return answers.stream().filter(a -> a.sentNanos() - nanos > 0).toList();
  }

  /** Stops sending and waits for the outstanding answers. */
  @Override
  public void close() {
    ticker.shutdownNow();
    Awaitility.await("outstanding client requests")
        .atMost(Duration.ofSeconds(30))
        .until(() -> inFlight.get() == 0);
  }
}
