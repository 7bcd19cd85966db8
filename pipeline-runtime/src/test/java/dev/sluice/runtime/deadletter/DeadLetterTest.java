package dev.sluice.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.StageName;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

  private static String header(Headers headers, String name) {
    var h = headers.lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void keepsTheOriginalBytesAndExplainsWhy() {
    byte[] value = "{\"delay\":\"late\"}".getBytes(StandardCharsets.UTF_8);
    ConsumerRecord<byte[], byte[]> source =
        new ConsumerRecord<>("flights.raw", 2, 41L, "k".getBytes(StandardCharsets.UTF_8), value);
    source.headers().add("ce_id", "e-1".getBytes(StandardCharsets.UTF_8));

    ProducerRecord<byte[], byte[]> dlq =
        new DeadLetter(
                StageName.ENRICHER,
                ErrorClass.SchemaViolation,
                "delay: string found, integer expected",
                "/delay",
                "flight-departed",
                1)
            .toRecord("flights.enriched.dlq", source);

    assertThat(dlq.topic()).isEqualTo("flights.enriched.dlq");
    assertThat(dlq.value()).isEqualTo(value);
    assertThat(dlq.key()).isEqualTo(source.key());
    Headers h = dlq.headers();
    assertThat(header(h, "ce_id")).isEqualTo("e-1");
    assertThat(header(h, DeadLetterHeaders.STAGE)).isEqualTo("enricher");
    assertThat(header(h, DeadLetterHeaders.CLASS)).isEqualTo("SchemaViolation");
    assertThat(header(h, DeadLetterHeaders.FIELD)).isEqualTo("/delay");
    assertThat(header(h, DeadLetterHeaders.CONTRACT)).isEqualTo("flight-departed");
    assertThat(header(h, DeadLetterHeaders.CONTRACT_VERSION)).isEqualTo("1");
    assertThat(header(h, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("flights.raw");
    assertThat(header(h, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("2");
    assertThat(header(h, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("41");
    assertThat(header(h, DeadLetterHeaders.TIME)).isNotBlank();
  }

  @Test
  void cutsOversizePayloadsToTheCapAndSaysSo() {
    byte[] value = new byte[10_000];

    ProducerRecord<byte[], byte[]> dlq =
        DeadLetter.of(StageName.COLLECTOR, ErrorClass.SizeViolation, "event larger than 1024 bytes")
            .toRecord("flights.raw.dlq", null, value, 1024);

    assertThat(dlq.value()).hasSize(1024);
    assertThat(header(dlq.headers(), DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
    assertThat(header(dlq.headers(), DeadLetterHeaders.ORIGINAL_BYTES)).isEqualTo("10000");
    assertThat(header(dlq.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isNull();
  }
}
