package dev.sluice.runtime.enricher;

import dev.sluice.runtime.contracts.DeclaredSchemaVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Writes an enriched event to the enriched topic in the CloudEvents Kafka protocol binding, binary
 * mode ({@code ce_*} headers, data as the value, {@code content-type: application/json}), keyed
 * like the raw record. Adds {@code sluiceschemaversion} (the version the data was validated
 * against) and, when a step with {@code onError: continue} failed, {@code sluiceenrichmenterror}.
 * Headers of the raw record that are not CloudEvents attributes (tracing, for example) are kept.
 */
final class EnrichedEventWriter {
  /** Extension attribute listing the failures of continue-on-error enrichments. */
  static final String ENRICHMENT_ERROR = "sluiceenrichmenterror";

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
      if (!h.key().startsWith("ce_") && !h.key().equalsIgnoreCase("content-type")) {
        record.headers().add(h);
      }
    }
    return record;
  }
}
