package dev.sluice.runtime.enricher;

import dev.sluice.runtime.contracts.DeclaredSchemaVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes an enriched event to the enriched topic in the CloudEvents Kafka protocol binding, binary
 * mode ({@code ce_*} headers, data as the value, {@code content-type: application/json}), keyed
 * like the raw record. Adds {@code sluiceschemaversion} (the version the data was validated
 * against) and, when a step with {@code onError: continue} failed, {@code sluiceenrichmenterror}.
 * Headers of the raw record that are not CloudEvents attributes (tracing, for example) are kept.
 *
 * <p>A raw record already in binary mode keeps its headers byte for byte (its attributes were
 * validated when the event was read); only the data, {@code content-type} and the two extensions
 * change. That skips rebuilding and re-encoding every attribute, which cost as much as the schema
 * validation. A structured-mode record is rewritten through the CloudEvents SDK.
 */
final class EnrichedEventWriter {
  /** Extension attribute listing the failures of continue-on-error enrichments. */
  static final String ENRICHMENT_ERROR = "sluiceenrichmenterror";

  private static final String CONTENT_TYPE = "content-type";
  private static final String SPECVERSION_HEADER = "ce_specversion";
  private static final String VERSION_HEADER = "ce_" + DeclaredSchemaVersion.EXTENSION;
  private static final String ERROR_HEADER = "ce_" + ENRICHMENT_ERROR;
  private static final byte[] JSON = "application/json".getBytes(StandardCharsets.UTF_8);

  private final String topic;

  EnrichedEventWriter(String topic) {
    this.topic = topic;
  }

  /**
   * @param source the raw record
   * @param event the event read from it
   * @param data the enriched data, JSON bytes
   * @param version the contract version the data satisfied
   * @param continuedErrors failures of continue-on-error steps, possibly empty
   */
  ProducerRecord<byte[], byte[]> write(
      ConsumerRecord<byte[], byte[]> source,
      CloudEvent event,
      byte[] data,
      int version,
      List<String> continuedErrors) {
    if (source.headers().lastHeader(SPECVERSION_HEADER) == null) {
      return fromStructured(source, event, data, version, continuedErrors);
    }
    RecordHeaders headers = new RecordHeaders();
    for (Header h : source.headers()) {
      String key = h.key();
      if (!key.equals(CONTENT_TYPE) && !key.equals(VERSION_HEADER) && !key.equals(ERROR_HEADER)) {
        headers.add(h);
      }
    }
    headers.add(CONTENT_TYPE, JSON);
    headers.add(VERSION_HEADER, Integer.toString(version).getBytes(StandardCharsets.UTF_8));
    if (!continuedErrors.isEmpty()) {
      headers.add(
          ERROR_HEADER, String.join("; ", continuedErrors).getBytes(StandardCharsets.UTF_8));
    }
    return new ProducerRecord<>(topic, null, source.key(), data, headers);
  }

  private ProducerRecord<byte[], byte[]> fromStructured(
      ConsumerRecord<byte[], byte[]> source,
      CloudEvent event,
      byte[] data,
      int version,
      List<String> continuedErrors) {
    CloudEventBuilder builder =
        CloudEventBuilder.v1(event)
            .withData("application/json", data)
            .withExtension(DeclaredSchemaVersion.EXTENSION, version);
    if (!continuedErrors.isEmpty()) {
      builder.withExtension(ENRICHMENT_ERROR, String.join("; ", continuedErrors));
    }
    ProducerRecord<byte[], byte[]> record =
        KafkaMessageFactory.createWriter(topic, source.key()).writeBinary(builder.build());
    for (Header h : source.headers()) {
      if (!h.key().startsWith("ce_") && !h.key().equalsIgnoreCase(CONTENT_TYPE)) {
        record.headers().add(h);
      }
    }
    return record;
  }
}
