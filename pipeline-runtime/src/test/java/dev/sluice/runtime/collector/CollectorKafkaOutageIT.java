package dev.sluice.runtime.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.local.LocalKafkaBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * Kafka stopped in the middle of a load and started again: while it is down the collector answers
 * only 503 with Retry-After and is not ready; no 2xx is given for an event Kafka did not store, and
 * after the restart every acknowledged event is in the raw topic.
 */
class CollectorKafkaOutageIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** One answered request: its event id, status and when it was sent and answered (ns). */
  record Answer(String id, int status, long sentAt, long answeredAt, boolean retryAfter) {}

  @Test
  void answersOnly503WhileKafkaIsDownAndLosesNoAcknowledgedEvent() throws Exception {
    try (LocalKafkaBroker broker = LocalKafkaBroker.inTempDir().start()) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
        admin
            .createTopics(
                List.of(
                    new NewTopic("o-raw", 1, (short) 1), new NewTopic("o-raw.dlq", 1, (short) 1)))
            .all()
            .get(60, TimeUnit.SECONDS);
      }
      ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
      AtomicBoolean loading = new AtomicBoolean(true);
      try (CollectorUnderTest collector =
          new CollectorUnderTest(
              broker.bootstrapServers(), "o-", CollectorUnderTest.smallLimits(), 64, null)) {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> load =
            java.util.stream.IntStream.range(0, 4)
                .mapToObj(i -> clients.submit(() -> sendUntilStopped(collector, loading, answers)))
                .collect(Collectors.toList());
        await().atMost(Duration.ofSeconds(60)).until(() -> count(answers, 200) >= 50);

        broker.stop();
        long downFrom = System.nanoTime();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> status(collector.url("/health/ready")) == 503);
        await().atMost(Duration.ofSeconds(60)).until(() -> count(answers, 503) >= 20);
        long downUntil = System.nanoTime();
        broker.start();

        await()
            .atMost(Duration.ofSeconds(90))
            .until(() -> status(collector.url("/health/ready")) == 200);
        long upAgain = System.nanoTime();
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> answers.stream().anyMatch(a -> a.status() == 200 && a.sentAt() > upAgain));
        loading.set(false);
        for (Future<?> f : load) {
          f.get(60, TimeUnit.SECONDS);
        }
        clients.shutdown();

        assertThat(answers).extracting(Answer::status).containsOnly(200, 503);
        assertThat(answers)
            .filteredOn(a -> a.status() == 503)
            .allMatch(Answer::retryAfter, "has Retry-After");
        assertThat(answers)
            .filteredOn(a -> a.sentAt() > downFrom && a.answeredAt() < downUntil)
            .isNotEmpty()
            .allMatch(a -> a.status() == 503, "answered 503 while Kafka was down");

        Set<String> acknowledged =
            answers.stream()
                .filter(a -> a.status() == 200)
                .map(Answer::id)
                .collect(Collectors.toSet());
        try (TopicReader raw = new TopicReader(broker.bootstrapServers(), collector.rawTopic)) {
          Set<String> stored =
              raw.drainUntil(acknowledged, Duration.ofSeconds(90)).stream()
                  .map(r -> TopicReader.header(r, "ce_id"))
                  .collect(Collectors.toSet());
          assertThat(stored).containsAll(acknowledged);
        }
      }
    }
  }

  private static void sendUntilStopped(
      CollectorUnderTest collector, AtomicBoolean loading, ConcurrentLinkedQueue<Answer> answers) {
    // Bounded: stops when the test says so or after 10 000 requests per client.
    for (int i = 0; i < 10_000 && loading.get(); i++) {
      String id = UUID.randomUUID().toString();
      long sentAt = System.nanoTime();
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(URI.create(collector.eventsUrl()))
                    .header("content-type", "application/cloudevents+json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(Events.valid(id)))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        answers.add(
            new Answer(
                id,
                response.statusCode(),
                sentAt,
                System.nanoTime(),
                response.headers().firstValue("retry-after").isPresent()));
        if (response.statusCode() == 503) {
          // Pacing, as a client honouring Retry-After would (shortened to keep the test quick).
          java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
        }
      } catch (Exception e) {
        answers.add(new Answer(id, -1, sentAt, System.nanoTime(), false));
      }
    }
  }

  private static long count(ConcurrentLinkedQueue<Answer> answers, int status) {
    return answers.stream().filter(a -> a.status() == status).count();
  }

  private static int status(String url) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      return -1;
    }
  }
}
