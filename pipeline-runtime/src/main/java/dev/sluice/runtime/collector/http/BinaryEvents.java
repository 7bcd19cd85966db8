package dev.sluice.runtime.collector.http;

import dev.sluice.runtime.collector.envelope.EnvelopeValidator;
import dev.sluice.runtime.collector.envelope.PartitionKeys;
import dev.sluice.runtime.collector.envelope.Rejection;
import dev.sluice.runtime.collector.publish.Candidate;
import dev.sluice.runtime.deadletter.ErrorClass;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.vertx.core.MultiMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes the CloudEvents HTTP binding's binary mode: attributes in {@code ce-*} headers, the body
 * is the data (any content type, named by {@code Content-Type}). Checked by {@link
 * EnvelopeValidator}, then built by the CloudEvents SDK. A rejected event's dead-letter record
 * keeps the body as value and the attributes as {@code ce_*} headers (the Kafka binding's names).
 */
final class BinaryEvents {
  private final EnvelopeValidator validator;

  BinaryEvents(EnvelopeValidator validator) {
    this.validator = validator;
  }

  /** Whether the request carries binary-mode attributes. */
  static boolean isBinary(MultiMap headers) {
    return headers.contains("ce-specversion")
        || headers.contains("ce-id")
        || headers.contains("ce-type")
        || headers.contains("ce-source");
  }

  Candidate decode(MultiMap headers, byte[] body) {
    Map<String, Object> attributes = new HashMap<>();
    Map<String, String> httpHeaders = new HashMap<>();
    for (Map.Entry<String, String> h : headers) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      httpHeaders.put(name, h.getValue());
      if (name.startsWith("ce-")) {
        attributes.put(name.substring(3), h.getValue());
      }
    }
    String id = attributes.get("id") instanceof String s ? s : null;
    var problem = validator.check(attributes, body.length);
    if (problem.isPresent()) {
      Map<String, String> ceHeaders = new HashMap<>();
      attributes.forEach((k, v) -> ceHeaders.put("ce_" + k, v.toString()));
      if (httpHeaders.containsKey("content-type")) {
        ceHeaders.put("content-type", httpHeaders.get("content-type"));
      }
      return Candidate.rejected(0, id, problem.get(), body, PartitionKeys.of(attributes))
          .withHeaders(ceHeaders);
    }
    try {
      CloudEvent event =
          HttpMessageFactory.createReader(httpHeaders, body.length == 0 ? null : body).toEvent();
      return Candidate.valid(0, event);
    } catch (RuntimeException e) {
      return Candidate.rejected(
          0,
          id,
          validator.withContract(
              new Rejection(
                  ErrorClass.EnvelopeInvalid, null, "not a CloudEvent: " + e.getMessage()),
              attributes),
          body,
          PartitionKeys.of(attributes));
    }
  }
}
