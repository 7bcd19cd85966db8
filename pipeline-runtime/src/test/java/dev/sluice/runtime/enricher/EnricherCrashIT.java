package dev.sluice.runtime.enricher;

import static dev.sluice.runtime.enricher.EnricherFixture.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.v1alpha1.DeliveryGuarantee;
import dev.sluice.api.v1alpha1.EnricherSpec;
import dev.sluice.runtime.testing.SharedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The enricher runs as a child process and is killed (SIGKILL) while events stream in; after a
 * restart every raw event is in the enriched topic or the DLQ: at least once by default, exactly
 * once (as a read_committed consumer sees it) with ExactlyOnce.
 */
class EnricherCrashIT {
  private static final int EVENTS = 6000;
  private static final int INVALID_EVERY = 50;
  private EnricherFixture fixture;

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void atLeastOnceLosesNothingWhenKilledMidStream() throws Exception {
    Map<String, Integer> counts = runAndKill(DeliveryGuarantee.AtLeastOnce);
    assertThat(counts.keySet()).hasSize(EVENTS);
  }

  @Test
  void exactlyOnceWritesEachEventOnceWhenKilledMidStream() throws Exception {
    Map<String, Integer> counts = runAndKill(DeliveryGuarantee.ExactlyOnce);
    assertThat(counts.keySet()).hasSize(EVENTS);
    assertThat(counts.entrySet().stream().filter(e -> e.getValue() != 1).toList())
        .as("events written more than once")
        .isEmpty();
  }

  /** Returns how often each event id was read from the enriched topic and DLQ together. */
  private Map<String, Integer> runAndKill(DeliveryGuarantee delivery) throws Exception {
    String prefix = SharedKafka.createTopics(3, EnricherFixture.topicNames());
    EnricherSpec spec = new EnricherSpec();
    spec.setDelivery(delivery);
    fixture = new EnricherFixture(SharedKafka.bootstrapServers(), prefix, spec);
    FlightContracts.writeLikeKubernetes(fixture.contractsDir, FlightContracts.bundle(1, 1));
    KafkaConsumer<byte[], byte[]> enriched = fixture.reader(fixture.topics().getEnriched());
    KafkaConsumer<byte[], byte[]> dlq = fixture.reader(fixture.topics().getEnrichedDeadLetter());
    List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();

    Process first = fixture.startChild("enricher-0");
    CompletableFuture<Void> sending = CompletableFuture.runAsync(this::sendPaced);
    await()
        .atMost(Duration.ofSeconds(120))
        .until(
            () -> {
              drain(enriched, seen);
              return seen.size() >= 1000;
            });
    first.destroyForcibly();
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    int atKill = seen.size();
    boolean sendingAtKill = !sending.isDone();
    sending.get(120, TimeUnit.SECONDS);

    fixture.startChild("enricher-0");
    await()
        .atMost(Duration.ofSeconds(180))
        .until(
            () -> {
              drain(enriched, seen);
              drain(dlq, seen);
              return distinct(seen) >= EVENTS && fixture.rawTopicFullyConsumed();
            });
    // Read to the end of both topics, so duplicates written last would be counted too.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              int before = seen.size();
              drain(enriched, seen);
              drain(dlq, seen);
              return seen.size() == before && caughtUp(enriched) && caughtUp(dlq);
            });
    System.out.printf(
        "%s: killed after %d enriched records (sender still running: %s); read %d records for %d"
            + " events%n",
        delivery, atKill, sendingAtKill, seen.size(), EVENTS);
    long deadLettered = seen.stream().filter(r -> r.topic().endsWith(".dlq")).count();
    assertThat(deadLettered).isGreaterThanOrEqualTo(EVENTS / INVALID_EVERY);
    return seen.stream()
        .collect(Collectors.toMap(EnricherFixture::id, r -> 1, Integer::sum, HashMap::new));
  }

  private void sendPaced() {
    try (var producer = fixture.producer()) {
      sendPaced(producer);
    }
  }

  private void sendPaced(org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer) {
    for (int start = 0; start < EVENTS; start += 200) {
      List<ProducerRecord<byte[], byte[]>> batch = new ArrayList<>();
      for (int i = start; i < start + 200; i++) {
        ObjectNode data = FlightContracts.flight("DTW", "LAS", i % 100);
        if (i % INVALID_EVERY == 0) {
          data.put("delay", "late");
        }
        batch.add(fixture.event("e-" + i, data));
      }
      EnricherFixture.send(producer, batch);
    }
  }

  private static long distinct(List<ConsumerRecord<byte[], byte[]>> seen) {
    return seen.stream().map(EnricherFixture::id).distinct().count();
  }

  private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer) {
    var ends = consumer.endOffsets(consumer.assignment());
    return !ends.isEmpty()
        && ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }
}
