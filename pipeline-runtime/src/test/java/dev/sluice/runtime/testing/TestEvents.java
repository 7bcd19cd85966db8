package dev.sluice.runtime.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Enriched events as the enricher writes them: CloudEvents in the Kafka binary binding. */
public final class TestEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * An event of type {@code flight.departed} with collector extensions.
   *
   * @param data the event's data (serialised as JSON)
   */
  public static CloudEvent event(
      String type, String id, Instant time, Instant receivedAt, Map<String, ?> data) {
    try {
      return CloudEventBuilder.v1()
          .withId(id)
          .withSource(URI.create("/test/collector"))
          .withType(type)
          .withTime(time.atOffset(ZoneOffset.UTC))
          .withDataContentType("application/json")
          .withExtension("sluicereceivedat", receivedAt.toString())
          .withExtension("sluicepipeline", "test")
          .withData(JSON.writeValueAsBytes(data))
          .build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The binary-mode record of an event, keyed by its id. */
  public static ProducerRecord<byte[], byte[]> record(String topic, CloudEvent event) {
    ProducerRecord<byte[], byte[]> r =
        KafkaMessageFactory.<byte[]>createWriter(topic, event.getId().getBytes())
            .writeBinary(event);
    return r;
  }

  /** The event in structured JSON, as the batch loader writes each line. */
  public static byte[] structured(CloudEvent event) {
    return new JsonFormat().serialize(event);
  }

  /**
   * A producer of test data: acks=all but not idempotent, with one request in flight. Right after a
   * topic is made, the broker may answer NotLeaderOrFollower once; an idempotent producer can then
   * loop on OUT_OF_ORDER_SEQUENCE_NUMBER until its delivery timeout (seen with Kafka 4.3 on this
   * loaded machine), while a plain retry simply succeeds.
   */
  public static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    var config = dev.sluice.runtime.kafka.KafkaClientConfigs.producer(bootstrap, "test-data");
    config.put("enable.idempotence", false);
    config.put("max.in.flight.requests.per.connection", 1);
    return new KafkaProducer<>(config);
  }

  /** Sends the records and waits for every acknowledgement. */
  public static void send(
      KafkaProducer<byte[], byte[]> producer, List<ProducerRecord<byte[], byte[]>> records) {
    try {
      List<Future<RecordMetadata>> acks = records.stream().map(producer::send).toList();
      producer.flush();
      for (Future<RecordMetadata> a : acks) {
        a.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private TestEvents() {}
}
