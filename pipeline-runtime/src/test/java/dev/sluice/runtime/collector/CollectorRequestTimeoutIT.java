package dev.sluice.runtime.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.testing.SharedKafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that starts a request and never finishes its body, over a real socket: the collector
 * (one in-flight slot, {@code requestTimeoutMs} 1500) answers 408, closes the connection and frees
 * the slot for the next client.
 */
class CollectorRequestTimeoutIT {
  private static final int TIMEOUT_MS = 1500;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final String HEAD =
      "POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/cloudevents+json\r\n"
          + "Content-Length: 1000\r\n\r\n";

  private CollectorUnderTest collector;
  private TopicReader raw;
  private TopicReader deadLetters;

  @BeforeEach
  void start() {
    String prefix = SharedKafka.createTopics(1, "raw", "raw.dlq");
    collector =
        new CollectorUnderTest(
            SharedKafka.bootstrapServers(),
            prefix,
            CollectorUnderTest.smallLimits(),
            1,
            null,
            TIMEOUT_MS);
    raw = new TopicReader(SharedKafka.bootstrapServers(), collector.rawTopic);
    deadLetters = new TopicReader(SharedKafka.bootstrapServers(), collector.deadLetterTopic);
  }

  @AfterEach
  void stop() throws Exception {
    raw.close();
    deadLetters.close();
    collector.close();
  }

  @Test
  void halfABodyThenSilenceGets408AndTheConnectionClosed() throws Exception {
    try (Socket stalled = new Socket("127.0.0.1", collector.httpPort)) {
      stalled.setSoTimeout(60_000);
      long start = System.nanoTime();
      send(stalled, HEAD + Events.valid("half").substring(0, 60));

      String answer = readToEnd(stalled.getInputStream());

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(ms(TIMEOUT_MS));
      assertThat(answer)
          .startsWith("HTTP/1.1 408")
          .containsIgnoringCase("connection: close")
          .contains("application/problem+json")
          .contains("\"type\":\"https://sluice.dev/problems/request-timeout\"")
          .contains("60 bytes received");
    }
    assertTheSlotIsFreeAndNothingWasWritten();
  }

  @Test
  void aBodyTrickledByteByByteIsCutAtTheSameDeadline() throws Exception {
    AtomicBoolean answered = new AtomicBoolean();
    try (Socket trickling = new Socket("127.0.0.1", collector.httpPort)) {
      trickling.setSoTimeout(60_000);
      send(trickling, HEAD);
      // One byte every 100 ms keeps the connection busy: only a whole-request deadline stops it.
      Thread writer =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      OutputStream out = trickling.getOutputStream();
                      while (!answered.get()) {
                        out.write(' ');
                        out.flush();
                        Thread.sleep(100);
                      }
                    } catch (IOException | InterruptedException e) {
                      // The collector closed the connection: what the test waits for.
                    }
                  });
      String answer = readToEnd(trickling.getInputStream());
      answered.set(true);
      writer.join();

      assertThat(answer).startsWith("HTTP/1.1 408").contains("request-timeout");
    }
    assertTheSlotIsFreeAndNothingWasWritten();
  }

  private void assertTheSlotIsFreeAndNothingWasWritten() throws Exception {
    // maxInFlightRequests is 1: this request is accepted only if the stalled one gave its slot
    // back.
    HttpResponse<String> next =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.eventsUrl()))
                .header("content-type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString(Events.valid("next")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
    assertThat(raw.take(1, Duration.ofSeconds(30)))
        .extracting(r -> TopicReader.header(r, "ce_id"))
        .containsExactly("next");
    assertThat(deadLetters.drain(Duration.ofSeconds(2))).isEmpty();
    String metrics =
        HTTP.send(
                HttpRequest.newBuilder(URI.create(collector.url("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(metrics).containsPattern("requests_refused_total\\{.*reason=\"request_timeout\"");
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  /** Everything the server sends until it closes the connection. */
  private static String readToEnd(InputStream in) throws IOException {
    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
  }

  private static Duration ms(long millis) {
    return Duration.ofMillis(millis);
  }
}
