package dev.sluice.runtime.loader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.testing.TestEvents;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class BinaryModeLinesTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Instant TIME = Instant.parse("2001-01-14T21:05:00Z");

  static ConsumerRecord<byte[], byte[]> consumed(ProducerRecord<byte[], byte[]> p) {
    RecordHeaders headers = new RecordHeaders(p.headers().toArray());
    return new ConsumerRecord<>(
        "t", 0, 42, 1000L, null, 0, 0, p.key(), p.value(), headers, java.util.Optional.empty());
  }

  static ConsumerRecord<byte[], byte[]> binary(CloudEvent e) {
    return consumed(TestEvents.record("t", e));
  }

  @Test
  void writesTheSameEventAsTheSdkDoes() throws Exception {
    CloudEvent event =
        TestEvents.event(
            "flight.departed",
            "e-1",
            TIME,
            TIME.plusSeconds(3),
            Map.of("origin", "SFO", "delay", 12, "nested", Map.of("a", java.util.List.of(1, 2))));
    ConsumerRecord<byte[], byte[]> record = binary(event);

    BufferedLine line = BinaryModeLines.convert(record);

    assertThat(line).isNotNull();
    byte[] sdk = new JsonFormat().serialize(KafkaMessageFactory.createReader(record).toEvent());
    assertThat(JSON.readTree(line.json())).isEqualTo(JSON.readTree(sdk));
    assertThat(line.type()).isEqualTo("flight.departed");
    assertThat(line.hour()).isEqualTo(Instant.parse("2001-01-14T21:00:00Z"));
    assertThat(line.offset()).isEqualTo(42);
  }

  @Test
  void writesDataOnOneLineAndRefusesDataThatIsNotOneJsonValue() {
    ConsumerRecord<byte[], byte[]> pretty =
        withValue(binary(event()), "{\n  \"a\": 1\n}\n".getBytes(StandardCharsets.UTF_8));
    assertThat(new String(BinaryModeLines.convert(pretty).json(), StandardCharsets.UTF_8))
        .doesNotContain("\n")
        .endsWith("\"data\":{\"a\":1}}");

    assertThatThrownBy(
            () -> BinaryModeLines.convert(withValue(binary(event()), "{\"a\":".getBytes())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data is not JSON");
    assertThatThrownBy(() -> BinaryModeLines.convert(withValue(binary(event()), "1 2".getBytes())))
        .hasMessageContaining("more than one JSON value");
  }

  @Test
  void namesAMissingOrMalformedAttribute() {
    ConsumerRecord<byte[], byte[]> noId = binary(event());
    noId.headers().remove("ce_id");
    assertThatThrownBy(() -> BinaryModeLines.convert(noId)).hasMessage("attribute id is missing");

    ConsumerRecord<byte[], byte[]> badTime = binary(event());
    badTime.headers().remove("ce_time");
    badTime.headers().add(new RecordHeader("ce_time", "yesterday".getBytes()));
    assertThatThrownBy(() -> BinaryModeLines.convert(badTime))
        .hasMessageContaining("attribute time 'yesterday' is not RFC 3339");
  }

  @Test
  void leavesOtherRecordsToTheSdk() {
    ConsumerRecord<byte[], byte[]> text = binary(event());
    text.headers().remove("content-type");
    text.headers().add(new RecordHeader("content-type", "text/plain".getBytes()));
    assertThat(BinaryModeLines.convert(text)).isNull();

    ConsumerRecord<byte[], byte[]> structured =
        new ConsumerRecord<>("t", 0, 1, null, new JsonFormat().serialize(event()));
    structured.headers().add("content-type", "application/cloudevents+json".getBytes());
    assertThat(BinaryModeLines.convert(structured)).isNull();
    // and the SDK path still reads it
    assertThat(BufferedLine.of(structured).type()).isEqualTo("flight.departed");
  }

  static CloudEvent event() {
    return TestEvents.event("flight.departed", "e-2", TIME, TIME, Map.of("n", 1));
  }

  static ConsumerRecord<byte[], byte[]> withValue(ConsumerRecord<byte[], byte[]> r, byte[] value) {
    return new ConsumerRecord<>(
        r.topic(),
        r.partition(),
        r.offset(),
        r.timestamp(),
        r.timestampType(),
        0,
        0,
        r.key(),
        value,
        r.headers(),
        java.util.Optional.empty());
  }
}
