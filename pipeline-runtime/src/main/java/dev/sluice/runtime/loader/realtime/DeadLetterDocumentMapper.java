package dev.sluice.runtime.loader.realtime;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.loader.EventTime;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Turns a dead-letter record (of the enriched DLQ) into a document of the {@code <prefix>-dlq-*}
 * indices, so failures can be searched and alerted on: the event's attributes where it is still a
 * CloudEvent, the {@code sluice.error.*} headers under {@code error} ({@code stage}, {@code class},
 * {@code message}, {@code field}, {@code contract}, {@code contractVersion}, {@code time}, {@code
 * sourceTopic}, {@code sourcePartition}, {@code sourceOffset}), and the original value as text in
 * {@code payload}, cut to {@link #MAX_PAYLOAD_CHARS}.
 *
 * <p>The {@code _id} is the rejected record's {@code <source topic>/<partition>/<offset>} (the DLQ
 * record's own when those headers are absent), so a replay overwrites rather than duplicates.
 */
final class DeadLetterDocumentMapper {
  static final int MAX_PAYLOAD_CHARS = 32 * 1024;

  private final IndexNames names;

  DeadLetterDocumentMapper(IndexNames names) {
    this.names = names;
  }

  IndexDocument deadLetter(ConsumerRecord<byte[], byte[]> record) {
    ObjectNode doc = DocumentMapper.JSON.createObjectNode();
    Instant time = Instant.ofEpochMilli(record.timestamp());
    try {
      CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
      doc = DocumentMapper.attributes(event);
      time = EventTime.of(event, record.timestamp());
    } catch (CloudEventRWException | IllegalArgumentException e) {
      // not (or no longer) a CloudEvent: the error fields and payload still say what happened
    }
    ObjectNode error = doc.putObject("error");
    put(error, "stage", header(record, DeadLetterHeaders.STAGE));
    put(error, "class", header(record, DeadLetterHeaders.CLASS));
    put(error, "message", header(record, DeadLetterHeaders.MESSAGE));
    put(error, "field", header(record, DeadLetterHeaders.FIELD));
    put(error, "contract", header(record, DeadLetterHeaders.CONTRACT));
    put(error, "contractVersion", header(record, DeadLetterHeaders.CONTRACT_VERSION));
    put(error, "time", header(record, DeadLetterHeaders.TIME));
    String sourceTopic = header(record, DeadLetterHeaders.SOURCE_TOPIC);
    String sourcePartition = header(record, DeadLetterHeaders.SOURCE_PARTITION);
    String sourceOffset = header(record, DeadLetterHeaders.SOURCE_OFFSET);
    put(error, "sourceTopic", sourceTopic);
    put(error, "sourcePartition", sourcePartition);
    put(error, "sourceOffset", sourceOffset);
    if (record.value() != null) {
      String payload = new String(record.value(), StandardCharsets.UTF_8);
      doc.put(
          "payload",
          payload.length() > MAX_PAYLOAD_CHARS ? payload.substring(0, MAX_PAYLOAD_CHARS) : payload);
    }
    String id =
        sourceTopic != null && sourcePartition != null && sourceOffset != null
            ? sourceTopic + "/" + sourcePartition + "/" + sourceOffset
            : record.topic() + "/" + record.partition() + "/" + record.offset();
    return new IndexDocument(names.deadLetters(time), id, DocumentMapper.bytes(doc));
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static void put(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }
}
