package dev.sluice.runtime.model.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import dev.sluice.runtime.model.RunningStage;
import dev.sluice.runtime.testing.SharedKafka;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stream mode against a real Kafka broker: enriched flight events in, prediction events out. */
class PredictionStreamIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void predictsEveryEventAndDeadLettersTheOnesItCannot() throws Exception {
    String p = SharedKafka.createTopics(2, "flights.enriched", "predictions", "predictions.dlq");
    String bootstrap = SharedKafka.bootstrapServers();
    int good = 50;
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(KafkaClientConfigs.producer(bootstrap, "test"))) {
      CloudEventSerializer serializer = new CloudEventSerializer();
      serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, "BINARY"), false);
      for (int i = 0; i < good + 1; i++) {
        ObjectNode data = flight(i);
        if (i == good) {
          data.remove("origin_lat"); // the enrichment found no airport
        }
        CloudEvent event =
            CloudEventBuilder.v1()
                .withId("f-" + i)
                .withSource(URI.create("/flights"))
                .withType("flight.departed")
                .withDataContentType("application/json")
                .withData(JSON.writeValueAsBytes(data))
                .build();
        RecordHeaders headers = new RecordHeaders();
        byte[] value = serializer.serialize(p + "flights.enriched", headers, event);
        producer.send(
            new ProducerRecord<>(
                p + "flights.enriched",
                null,
                ("f-" + i).getBytes(StandardCharsets.UTF_8),
                value,
                headers));
      }
      producer.send(
          new ProducerRecord<>(
              p + "flights.enriched", "junk".getBytes(), "not an event".getBytes()));
      producer.flush();
    }

    try (RunningStage server =
        RunningStage.start(
            "model-server",
            dir,
            """
            deployment: flight-delay-stream
            server:
              model: flight-delay
              version: "2"
              registry:
                directory: %s
              stream:
                bootstrapServers: %s
                inputTopic: %sflights.enriched
                outputTopic: %spredictions
                consumerGroup: %sgroup
                maxPollRecords: 20
            """
                .formatted(RunningStage.fixtureRegistry(), bootstrap, p, p, p),
            Map.of())) {
      List<ConsumerRecord<byte[], byte[]>> predictions =
          readAll(bootstrap, p + "predictions", good);
      CloudEventDeserializer deserializer = new CloudEventDeserializer();
      Set<String> inputs = new HashSet<>();
      for (ConsumerRecord<byte[], byte[]> r : predictions) {
        CloudEvent e = deserializer.deserialize(r.topic(), r.headers(), r.value());
        JsonNode data = JSON.readTree(e.getData().toBytes());
        assertThat(e.getType()).isEqualTo("dev.sluice.prediction");
        assertThat(e.getSubject()).isEqualTo(data.path("inputId").asText());
        assertThat(e.getId()).isEqualTo(e.getSubject() + "/flight-delay/2");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(e.getSubject());
        assertThat(data.path("version").asText()).isEqualTo("2");
        assertThat(data.path("output").get(0).asDouble() + data.path("output").get(1).asDouble())
            .isBetween(0.9999, 1.0001);
        assertThat(data.path("predicted").asText()).isIn("on-time", "delayed");
        assertThat(data.path("latencyMs").asDouble()).isPositive();
        inputs.add(e.getSubject());
      }
      assertThat(inputs).hasSize(good);

      List<ConsumerRecord<byte[], byte[]>> dead = readAll(bootstrap, p + "predictions.dlq", 2);
      List<String> fields = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> r : dead) {
        assertThat(header(r, DeadLetterHeaders.CLASS)).isEqualTo("PredictionInputInvalid");
        assertThat(header(r, DeadLetterHeaders.STAGE)).isEqualTo("model-server");
        fields.add(header(r, DeadLetterHeaders.FIELD));
      }
      assertThat(fields).contains("/data/origin_lat");

      // At-least-once: the offsets of everything read are committed once it was produced.
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        await()
            .atMost(Duration.ofSeconds(30))
            .untilAsserted(
                () -> {
                  Map<TopicPartition, OffsetAndMetadata> committed =
                      admin
                          .listConsumerGroupOffsets(p + "group")
                          .partitionsToOffsetAndMetadata()
                          .get();
                  long total =
                      committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                  assertThat(total).isEqualTo(good + 2);
                });
      }
      assertThat(server.get("/metrics").body()).contains("sluice_model_predictions_total{");
    }
  }

  private static ObjectNode flight(int i) {
    ObjectNode d = JSON.createObjectNode();
    d.put("date", String.format("2001/06/%02d %02d:%02d", 1 + i % 28, i % 24, i % 60));
    d.put("delay", 0);
    d.put("distance", 200 + 37 * i);
    d.put("origin", "ATL");
    d.put("destination", "LAX");
    d.put("origin_lat", "33.64044444"); // lookup columns arrive as strings
    d.put("origin_lon", -84.42694444);
    d.put("destination_lat", 33.94253611);
    d.put("destination_lon", -118.4080744);
    return d;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrap, String topic, int count) {
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(KafkaClientConfigs.consumer(bootstrap, "reader-" + topic, "reader"))) {
      consumer.subscribe(List.of(topic));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= count;
              });
    }
    return out;
  }
}
