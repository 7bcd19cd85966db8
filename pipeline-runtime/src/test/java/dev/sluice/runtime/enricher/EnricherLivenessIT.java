package dev.sluice.runtime.enricher;

import static dev.sluice.runtime.enricher.EnricherFixture.drain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.v1alpha1.DeliveryGuarantee;
import dev.sluice.api.v1alpha1.EnricherSpec;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import dev.sluice.runtime.testing.SharedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A fatal error ends the enricher's loop for good: here a second producer with the enricher's
 * {@code transactional.id} (a zombie twin of the pod) fences it. {@code /health/live} then answers
 * 503, so Kubernetes restarts the pod instead of leaving it up doing nothing.
 */
class EnricherLivenessIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private EnricherFixture fixture;

  @AfterEach
  void stop() throws Exception {
    fixture.close();
  }

  @Test
  void aFencedExactlyOnceEnricherIsNoLongerLive() throws Exception {
    String prefix = SharedKafka.createTopics(1, EnricherFixture.topicNames());
    EnricherSpec spec = new EnricherSpec();
    spec.setDelivery(DeliveryGuarantee.ExactlyOnce);
    fixture = new EnricherFixture(SharedKafka.bootstrapServers(), prefix, spec);
    FlightContracts.writeLikeKubernetes(fixture.contractsDir, FlightContracts.bundle(1, 1));
    KafkaConsumer<byte[], byte[]> enriched = fixture.reader(fixture.topics().getEnriched());
    fixture.startInProcess("enricher-0");
    fixture.send(events("before", 10));
    List<ConsumerRecord<byte[], byte[]>> seen = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              drain(enriched, seen);
              return seen.size() == 10;
            });
    assertThat(status("/health/live")).isEqualTo(200);
    assertThat(status("/health/ready")).isEqualTo(200);

    Map<String, Object> twin = KafkaClientConfigs.producer(fixture.bootstrapServers, "zombie-twin");
    twin.put(
        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
        fixture.stageConfig.getPipeline() + "-enricher-enricher-0");
    try (KafkaProducer<byte[], byte[]> fencer = new KafkaProducer<>(twin)) {
      fencer.initTransactions();
      fixture.send(events("after", 10));

      await().atMost(Duration.ofSeconds(60)).until(() -> status("/health/live") == 503);
    }
    assertThat(status("/health/ready")).isEqualTo(503);
  }

  private List<org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>> events(
      String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> fixture.event(prefix + i, FlightContracts.flight("AMS", "JFK", i)))
        .toList();
  }

  private int status(String path) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.httpPort + path))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
