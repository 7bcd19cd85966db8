package dev.sluice.runtime.collector.grpc;

import dev.sluice.runtime.collector.envelope.EnvelopeValidator;
import dev.sluice.runtime.collector.envelope.PartitionKeys;
import dev.sluice.runtime.collector.envelope.Rejection;
import dev.sluice.runtime.collector.publish.Candidate;
import dev.sluice.runtime.deadletter.ErrorClass;
import io.cloudevents.CloudEvent;
import io.cloudevents.protobuf.ProtobufFormat;
import io.cloudevents.v1.proto.CloudEvent.CloudEventAttributeValue;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes events in the CloudEvents Protobuf format ({@code io.cloudevents.v1.CloudEvent}): the
 * required attributes are fields (an empty string counts as missing, proto3 cannot tell them
 * apart), the others sit in the {@code attributes} map. Checked by {@link EnvelopeValidator}, then
 * built by the CloudEvents SDK's {@link ProtobufFormat}. A rejected event's dead-letter value is
 * its protobuf encoding.
 */
final class ProtoEvents {
  private static final ProtobufFormat FORMAT = new ProtobufFormat();

  private final EnvelopeValidator validator;

  ProtoEvents(EnvelopeValidator validator) {
    this.validator = validator;
  }

  Candidate decode(int index, io.cloudevents.v1.proto.CloudEvent proto) {
    Map<String, Object> attributes = new HashMap<>();
    putIfSet(attributes, "id", proto.getId());
    putIfSet(attributes, "source", proto.getSource());
    putIfSet(attributes, "specversion", proto.getSpecVersion());
    putIfSet(attributes, "type", proto.getType());
    proto.getAttributesMap().forEach((name, value) -> attributes.put(name, plain(value)));
    String id = proto.getId().isEmpty() ? null : proto.getId();
    byte[] bytes = proto.toByteArray();
    var problem = validator.check(attributes, bytes.length);
    if (problem.isPresent()) {
      return Candidate.rejected(index, id, problem.get(), bytes, PartitionKeys.of(attributes));
    }
    try {
      CloudEvent event = FORMAT.deserialize(bytes);
      return Candidate.valid(index, event);
    } catch (RuntimeException e) {
      return Candidate.rejected(
          index,
          id,
          validator.withContract(
              new Rejection(
                  ErrorClass.EnvelopeInvalid, null, "not a CloudEvent: " + e.getMessage()),
              attributes),
          bytes,
          PartitionKeys.of(attributes));
    }
  }

  /** Strings (and timestamps, as RFC 3339) as strings; other kinds as themselves. */
  private static Object plain(CloudEventAttributeValue value) {
    return switch (value.getAttrCase()) {
      case CE_STRING -> value.getCeString();
      case CE_URI -> value.getCeUri();
      case CE_URI_REF -> value.getCeUriRef();
      case CE_TIMESTAMP ->
          Instant.ofEpochSecond(
                  value.getCeTimestamp().getSeconds(), value.getCeTimestamp().getNanos())
              .toString();
      case CE_BOOLEAN -> value.getCeBoolean();
      case CE_INTEGER -> value.getCeInteger();
      case CE_BYTES -> value.getCeBytes();
      case ATTR_NOT_SET -> value;
    };
  }

  private static void putIfSet(Map<String, Object> attributes, String name, String value) {
    if (!value.isEmpty()) {
      attributes.put(name, value);
    }
  }
}
