package dev.sluice.runtime.deadletter;

import dev.sluice.runtime.StageName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records: the original bytes unchanged (or cut to a cap, said so in a header),
 * the original headers, and the {@link DeadLetterHeaders} explaining why.
 *
 * @param stage the rejecting stage
 * @param errorClass why
 * @param message human-readable reason
 * @param field JSON pointer of the field at fault, or null
 * @param contract contract name, or null
 * @param contractVersion contract version, or null
 */
public record DeadLetter(
    StageName stage,
    ErrorClass errorClass,
    String message,
    String field,
    String contract,
    Integer contractVersion) {

  /** A reason without field or contract. */
  public static DeadLetter of(StageName stage, ErrorClass errorClass, String message) {
    return new DeadLetter(stage, errorClass, message, null, null, null);
  }

  /**
   * A dead-letter record for a payload that had no topic yet (rejected by the collector).
   *
   * @param topic the dead-letter topic
   * @param key record key, or null
   * @param value the original payload
   * @param capBytes most bytes of {@code value} kept; the rest is cut and {@link
   *     DeadLetterHeaders#TRUNCATED} set
   */
  public ProducerRecord<byte[], byte[]> toRecord(
      String topic, byte[] key, byte[] value, int capBytes) {
    Headers headers = new RecordHeaders();
    byte[] kept = value;
    if (value != null && value.length > capBytes) {
      kept = Arrays.copyOf(value, capBytes);
      put(headers, DeadLetterHeaders.TRUNCATED, "true");
      put(headers, DeadLetterHeaders.ORIGINAL_BYTES, Integer.toString(value.length));
    }
    explain(headers);
    return new ProducerRecord<>(topic, null, key, kept, headers);
  }

  /**
   * A dead-letter record for a consumed record: same key, value and headers, plus the reason and
   * where it came from.
   */
  public ProducerRecord<byte[], byte[]> toRecord(
      String topic, ConsumerRecord<byte[], byte[]> source) {
    Headers headers = new RecordHeaders();
    for (Header h : source.headers()) {
      if (!h.key().startsWith("sluice.error.")) {
        headers.add(h);
      }
    }
    explain(headers);
    put(headers, DeadLetterHeaders.SOURCE_TOPIC, source.topic());
    put(headers, DeadLetterHeaders.SOURCE_PARTITION, Integer.toString(source.partition()));
    put(headers, DeadLetterHeaders.SOURCE_OFFSET, Long.toString(source.offset()));
    return new ProducerRecord<>(topic, null, source.key(), source.value(), headers);
  }

  private void explain(Headers headers) {
    put(headers, DeadLetterHeaders.STAGE, stage.cliName());
    put(headers, DeadLetterHeaders.CLASS, errorClass.name());
    put(headers, DeadLetterHeaders.MESSAGE, message);
    put(headers, DeadLetterHeaders.FIELD, field);
    put(headers, DeadLetterHeaders.CONTRACT, contract);
    put(
        headers,
        DeadLetterHeaders.CONTRACT_VERSION,
        contractVersion == null ? null : contractVersion.toString());
    put(headers, DeadLetterHeaders.TIME, Instant.now().toString());
  }

  private static void put(Headers headers, String name, String value) {
    if (value != null) {
      headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }
}
