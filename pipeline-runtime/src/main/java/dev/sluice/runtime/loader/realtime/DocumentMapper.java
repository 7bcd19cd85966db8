package dev.sluice.runtime.loader.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.runtime.loader.EventTime;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Turns an enriched event (CloudEvents Kafka binary binding: {@code ce_*} headers, data as value)
 * into its search document: the event's attributes and extensions as top-level fields, {@code data}
 * as a JSON object, geo pairs added where the contract declares them ({@link GeoPairs}).
 *
 * <p>The document {@code _id} is {@code <id>@<source>} (the CloudEvents identity, so a replay
 * overwrites rather than duplicates), or its SHA-256 when longer than 512 bytes, the index limit.
 */
final class DocumentMapper {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ID_BYTES = 512;

  private final IndexNames names;
  private final Map<String, GeoPairs> geoByType;

  /**
   * @param geoByType geo pairs declared per event type
   */
  DocumentMapper(IndexNames names, Map<String, GeoPairs> geoByType) {
    this.names = names;
    this.geoByType = geoByType;
  }

  /**
   * @throws CloudEventRWException when the record is not a CloudEvent in the binary binding
   */
  IndexDocument event(ConsumerRecord<byte[], byte[]> record) {
    CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
    ObjectNode doc = attributes(event);
    if (event.getData() != null) {
      JsonNode data = data(event);
      doc.set("data", data);
      if (data.isObject()) {
        geoByType.getOrDefault(event.getType(), GeoPairs.NONE).addTo((ObjectNode) data);
      }
    }
    Instant time = EventTime.of(event, record.timestamp());
    return new IndexDocument(names.events(time), documentId(event), bytes(doc));
  }

  static ObjectNode attributes(CloudEvent event) {
    ObjectNode doc = JSON.createObjectNode();
    doc.put("id", event.getId());
    doc.put("source", event.getSource().toString());
    doc.put("specversion", event.getSpecVersion().toString());
    doc.put("type", event.getType());
    if (event.getSubject() != null) {
      doc.put("subject", event.getSubject());
    }
    if (event.getTime() != null) {
      doc.put("time", event.getTime().toInstant().toString());
    }
    if (event.getDataContentType() != null) {
      doc.put("datacontenttype", event.getDataContentType());
    }
    if (event.getDataSchema() != null) {
      doc.put("dataschema", event.getDataSchema().toString());
    }
    for (String name : event.getExtensionNames()) {
      Object value = event.getExtension(name);
      if (value instanceof Number n) {
        doc.put(name, n.longValue());
      } else if (value instanceof Boolean b) {
        doc.put(name, b);
      } else if (value instanceof OffsetDateTime t) {
        doc.put(name, t.toInstant().toString());
      } else if (value != null) {
        doc.put(name, value.toString());
      }
    }
    return doc;
  }

  static String documentId(CloudEvent event) {
    String id = event.getId() + "@" + event.getSource();
    byte[] utf8 = id.getBytes(StandardCharsets.UTF_8);
    if (utf8.length <= MAX_ID_BYTES) {
      return id;
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(utf8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode data(CloudEvent event) {
    byte[] bytes = event.getData().toBytes();
    String type = event.getDataContentType();
    if (type == null || type.contains("json")) {
      try {
        JsonNode tree = JSON.readTree(bytes);
        if (!tree.isMissingNode()) {
          return tree;
        }
      } catch (IOException e) {
        // declared JSON but is not: index it as text rather than drop it
      }
    }
    return JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
  }

  static byte[] bytes(JsonNode doc) {
    try {
      return JSON.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }
}
