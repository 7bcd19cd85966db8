package dev.sluice.runtime.collector.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.collector.contracts.PipelineContract;
import dev.sluice.runtime.collector.envelope.EnvelopeValidator;
import dev.sluice.runtime.collector.publish.Candidate;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The collector reads structured-mode events in one pass and builds them without the SDK's JSON
 * parser; the SDK's {@link JsonFormat} is the oracle: both must give the same Kafka record (the
 * data compared as JSON, since the collector keeps the producer's bytes) or both refuse the event.
 */
class JsonEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HEAD =
      "\"specversion\":\"1.0\",\"id\":\"e1\",\"source\":\"/airports/ams\",\"type\":\"t\"";

  private final JsonEvents events =
      new JsonEvents(
          new EnvelopeValidator(1_000_000, type -> Optional.of(new PipelineContract("c", type, 1))),
          100);

  static Stream<String> bodies() {
    return Stream.of(
        "{" + HEAD + ",\"datacontenttype\":\"application/json\",\"data\":{\"a\":1,\"b\":[1,2]}}",
        "{" + HEAD + ",\"data\":{\"flight\":\"KL1001\",\"delay\": 3 , \"x\" : 1.50}}",
        "{" + HEAD + "}",
        "{" + HEAD + ",\"subject\":\"KL1\",\"time\":\"2026-05-01T10:15:00.5+02:00\"}",
        "{" + HEAD + ",\"datacontenttype\":\"application/json\",\"data\":\"a string\"}",
        "{" + HEAD + ",\"data\":[1,\"two\",{\"three\":3}]}",
        "{" + HEAD + ",\"data\":42}",
        "{" + HEAD + ",\"data\":null}",
        "{" + HEAD + ",\"datacontenttype\":\"application/cloudevents+json\",\"data\":{\"a\":1}}",
        "{" + HEAD + ",\"datacontenttype\":\"text/json; charset=utf-8\",\"data\":{\"a\":1}}",
        "{" + HEAD + ",\"datacontenttype\":\"text/plain\",\"data\":\"plain text\"}",
        "{" + HEAD + ",\"datacontenttype\":\"text/plain\",\"data_base64\":\"aGVsbG8=\"}",
        "{" + HEAD + ",\"dataschema\":\"https://schemas.example/fd/v2\",\"partitionkey\":\"k\"}",
        "{" + HEAD + ",\"dataschema\":\"not a uri\"}",
        "{" + HEAD + ",\"count\":7,\"flag\":true,\"data\":{}}",
        "{" + HEAD + ",\"time\":\"2026-05-01t10:15:00z\",\"data\":{\"é\":\"ünïcödé ✓\"}}",
        "{\n  " + HEAD.replace(",", ",\n  ") + ",\n  \"data\" : {\n    \"a\" : { }\n  }\n}\n");
  }

  @ParameterizedTest
  @MethodSource("bodies")
  void buildsTheSameKafkaRecordAsTheSdkOrRefusesLikeIt(String body) throws Exception {
    Candidate ours = events.single(body.getBytes(StandardCharsets.UTF_8));
    CloudEvent oracle;
    try {
      oracle = new JsonFormat().deserialize(body.getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      assertThat(ours.isValid()).as("the SDK refuses it: " + e.getMessage()).isFalse();
      return;
    }
    assertThat(ours.isValid()).as(String.valueOf(ours.rejection())).isTrue();
    ProducerRecord<byte[], byte[]> expected = record(oracle);
    ProducerRecord<byte[], byte[]> actual = record(ours.event());
    assertThat(headers(actual)).isEqualTo(headers(expected));
    if (expected.value() == null) {
      assertThat(actual.value()).isNull();
    } else if (headers(expected).getOrDefault("content-type", "json").contains("json")) {
      assertThat(JSON.readTree(actual.value())).isEqualTo(JSON.readTree(expected.value()));
    } else {
      assertThat(actual.value()).isEqualTo(expected.value());
    }
  }

  private static ProducerRecord<byte[], byte[]> record(CloudEvent event) {
    return KafkaMessageFactory.createWriter("raw", new byte[0]).writeBinary(event);
  }

  private static Map<String, String> headers(ProducerRecord<byte[], byte[]> record) {
    Map<String, String> all = new HashMap<>();
    for (Header h : record.headers()) {
      all.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
    }
    return all;
  }
}
