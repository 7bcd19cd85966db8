package dev.sluice.runtime.loader.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.testing.TestEvents;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.ByteBuffer;
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

  // one converter per test, reused across its records as the consumer thread's is
  final BinaryModeLines lines = new BinaryModeLines();

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

    BufferedLine line = lines.convert(record);

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
    assertThat(new String(lines.convert(pretty).json(), StandardCharsets.UTF_8))
        .doesNotContain("\n")
        .endsWith("\"data\":{\"a\":1}}");

    assertThatThrownBy(() -> lines.convert(withValue(binary(event()), "{\"a\":".getBytes())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("data is not JSON");
    assertThatThrownBy(() -> lines.convert(withValue(binary(event()), "1 2".getBytes())))
        .hasMessageContaining("more than one JSON value");
  }

  @Test
  void namesAMissingOrMalformedAttribute() {
    ConsumerRecord<byte[], byte[]> noId = binary(event());
    noId.headers().remove("ce_id");
    assertThatThrownBy(() -> lines.convert(noId)).hasMessage("attribute id is missing");

    ConsumerRecord<byte[], byte[]> badTime = binary(event());
    badTime.headers().remove("ce_time");
    badTime.headers().add(new RecordHeader("ce_time", "yesterday".getBytes()));
    assertThatThrownBy(() -> lines.convert(badTime))
        .hasMessageContaining("attribute time 'yesterday' is not RFC 3339");
  }

  @Test
  void leavesOtherRecordsToTheSdk() {
    ConsumerRecord<byte[], byte[]> text = binary(event());
    text.headers().remove("content-type");
    text.headers().add(new RecordHeader("content-type", "text/plain".getBytes()));
    assertThat(lines.convert(text)).isNull();

    ConsumerRecord<byte[], byte[]> structured =
        new ConsumerRecord<>("t", 0, 1, null, new JsonFormat().serialize(event()));
    structured.headers().add("content-type", "application/cloudevents+json".getBytes());
    assertThat(lines.convert(structured)).isNull();
    // and the SDK path still reads it
    assertThat(BufferedLine.of(structured, lines).type()).isEqualTo("flight.departed");
  }

  @Test
  void escapesAttributeValuesAsJsonStrings() throws Exception {
    String subject = "say \"hi\" \\ \t\u0001/\u007f";
    ConsumerRecord<byte[], byte[]> record =
        withHeader(binary(event()), "ce_subject", subject.getBytes(StandardCharsets.UTF_8));

    byte[] json = lines.convert(record).json();

    assertThat(new String(json, StandardCharsets.UTF_8))
        .contains("\"subject\":\"say \\\"hi\\\" \\\\ \\t\\u0001/\u007f\"");
    assertThat(JSON.readTree(json).get("subject").asText()).isEqualTo(subject);
  }

  @Test
  void writesUtf8ValuesAsTheyAreAndMalformedBytesAsReplacementCharacters() throws Exception {
    ConsumerRecord<byte[], byte[]> record =
        withHeader(
            binary(event()), "ce_subject", "h\u00e9llo \u2713".getBytes(StandardCharsets.UTF_8));
    record.headers().add("ce_broken", new byte[] {'a', (byte) 0xff, 'b', (byte) 0xc3});

    byte[] json = lines.convert(record).json();

    // the line stays valid UTF-8: each malformed sequence became U+FFFD, as new String does
    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(json));
    assertThat(JSON.readTree(json).get("subject").asText()).isEqualTo("h\u00e9llo \u2713");
    assertThat(JSON.readTree(json).get("broken").asText()).isEqualTo("a\ufffdb\ufffd");
  }

  @Test
  void writesARepeatedAttributeAtItsFirstPlaceWithItsLastValue() {
    ConsumerRecord<byte[], byte[]> record = binary(event());
    record.headers().add("ce_first", "1".getBytes());
    record.headers().add("ce_second", "2".getBytes());
    record.headers().add("ce_first", "3".getBytes());

    assertThat(new String(lines.convert(record).json(), StandardCharsets.UTF_8))
        .contains("\"first\":\"3\",\"second\":\"2\"")
        .doesNotContain("\"first\":\"1\"");
  }

  @Test
  void refusesAnInvalidSourceOnEveryRecord() {
    for (int i = 0; i < 3; i++) {
      ConsumerRecord<byte[], byte[]> record =
          withHeader(binary(event()), "ce_source", "not a uri".getBytes());
      assertThatThrownBy(() -> lines.convert(record))
          .hasMessage("attribute source 'not a uri' is not a URI reference");
    }
    // valid sources, more distinct ones than are remembered, then the first again
    for (int i = 0; i < 20; i++) {
      byte[] source = ("/collector/" + (i % 19)).getBytes();
      assertThat(lines.convert(withHeader(binary(event()), "ce_source", source))).isNotNull();
    }
    ConsumerRecord<byte[], byte[]> badSchema =
        withHeader(binary(event()), "ce_dataschema", "also not a uri".getBytes());
    assertThatThrownBy(() -> lines.convert(badSchema))
        .hasMessage("attribute dataschema 'also not a uri' is not a URI reference");
  }

  @Test
  void putsDataWithAnyLineBreakOnOneLine() {
    for (String data : new String[] {"{\"a\":\r1}", "{\"a\":1}\n", "\r\n{\"a\":1}"}) {
      ConsumerRecord<byte[], byte[]> record =
          withValue(binary(event()), data.getBytes(StandardCharsets.UTF_8));
      assertThat(new String(lines.convert(record).json(), StandardCharsets.UTF_8))
          .endsWith("\"data\":{\"a\":1}}")
          .doesNotContain("\n", "\r");
    }
  }

  @Test
  void writesTheSameLineAfterRefusingARecord() {
    byte[] fresh = new BinaryModeLines().convert(binary(event())).json();

    assertThatThrownBy(
            () -> lines.convert(withValue(binary(event()), "{\n\"a\": [1,\n".getBytes())))
        .hasMessageContaining("data is not JSON");
    assertThatThrownBy(
            () -> lines.convert(withHeader(binary(event()), "ce_time", "later".getBytes())))
        .hasMessageContaining("attribute time");

    assertThat(lines.convert(binary(event())).json()).isEqualTo(fresh);
  }

  static ConsumerRecord<byte[], byte[]> withHeader(
      ConsumerRecord<byte[], byte[]> r, String key, byte[] value) {
    r.headers().remove(key);
    r.headers().add(key, value);
    return r;
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
