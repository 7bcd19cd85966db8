package dev.sluice.runtime.collector.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.collector.envelope.EnvelopeValidator;
import dev.sluice.runtime.collector.envelope.PartitionKeys;
import dev.sluice.runtime.collector.envelope.Rejection;
import dev.sluice.runtime.collector.envelope.RequestRejectedException;
import dev.sluice.runtime.collector.publish.Candidate;
import dev.sluice.runtime.deadletter.ErrorClass;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the CloudEvents JSON format (CloudEvents 1.0 "JSON Event Format"): one event ({@code
 * application/cloudevents+json}) or a batch, a JSON array of events ({@code
 * application/cloudevents-batch+json}). Each event's envelope is checked by {@link
 * EnvelopeValidator}, then the CloudEvents SDK builds it. A batch is read token by token so each
 * event's own bytes are known: they are its size and its dead-letter value.
 */
final class JsonEvents {
  /** Deepest JSON nesting accepted; deeper bodies are refused as unparseable. */
  static final int MAX_NESTING_DEPTH = 64;

  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          JsonFactory.builder()
              .streamReadConstraints(
                  StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
              .build());

  private static final JsonFormat FORMAT = new JsonFormat();

  private final EnvelopeValidator validator;
  private final int maxBatchEvents;

  JsonEvents(EnvelopeValidator validator, int maxBatchEvents) {
    this.validator = validator;
    this.maxBatchEvents = maxBatchEvents;
  }

  /** One structured-mode event; the body is the event. */
  Candidate single(byte[] body) throws RequestRejectedException {
    JsonNode node;
    try (JsonParser p = MAPPER.createParser(body)) {
      node = MAPPER.readTree(p);
      if (p.nextToken() != null) {
        throw unparseable("body has content after the JSON event");
      }
    } catch (IOException e) {
      throw unparseable("body is not a JSON event: " + firstLine(e));
    }
    if (node == null || !node.isObject()) {
      throw unparseable("body is not a JSON object");
    }
    return decode(0, node, body);
  }

  /** A batch: a JSON array of 1 to maxBatchEvents events. */
  List<Candidate> batch(byte[] body) throws RequestRejectedException {
    List<Candidate> items = new ArrayList<>();
    try (JsonParser p = MAPPER.createParser(body)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw unparseable("a batch must be a JSON array of events");
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        if (items.size() == maxBatchEvents) {
          throw new RequestRejectedException(
              new Rejection(
                  ErrorClass.SizeViolation,
                  null,
                  "batch has more than the limit of " + maxBatchEvents + " events"));
        }
        int start = (int) p.currentTokenLocation().getByteOffset();
        JsonNode node = MAPPER.readTree(p);
        int end = (int) p.currentLocation().getByteOffset();
        byte[] original = Arrays.copyOfRange(body, start, end);
        items.add(
            node.isObject()
                ? decode(items.size(), node, original)
                : Candidate.rejected(
                    items.size(),
                    null,
                    new Rejection(ErrorClass.Unparseable, null, "batch item is not a JSON object"),
                    original,
                    null));
      }
      if (p.nextToken() != null) {
        throw unparseable("body has content after the JSON array");
      }
    } catch (IOException e) {
      throw unparseable("body is not a JSON array of events: " + firstLine(e));
    }
    if (items.isEmpty()) {
      throw new RequestRejectedException(
          new Rejection(ErrorClass.Unparseable, null, "batch is empty"));
    }
    return items;
  }

  private Candidate decode(int index, JsonNode node, byte[] original) {
    Map<String, Object> attributes = new HashMap<>();
    node.fields()
        .forEachRemaining(
            f -> {
              if (!f.getKey().equals("data") && !f.getKey().equals("data_base64")) {
                JsonNode v = f.getValue();
                attributes.put(f.getKey(), v.isTextual() ? v.textValue() : v);
              }
            });
    String id = attributes.get("id") instanceof String s ? s : null;
    var problem = validator.check(attributes, original.length);
    if (problem.isPresent()) {
      return Candidate.rejected(index, id, problem.get(), original, PartitionKeys.of(attributes));
    }
    try {
      // The SDK reads the event's own bytes in one pass (cheaper than converting the tree).
      CloudEvent event = FORMAT.deserialize(original);
      return Candidate.valid(index, event);
    } catch (RuntimeException e) {
      return Candidate.rejected(
          index,
          id,
          validator.withContract(
              new Rejection(ErrorClass.EnvelopeInvalid, null, "not a CloudEvent: " + firstLine(e)),
              attributes),
          original,
          PartitionKeys.of(attributes));
    }
  }

  private static RequestRejectedException unparseable(String reason) {
    return new RequestRejectedException(new Rejection(ErrorClass.Unparseable, null, reason));
  }

  private static String firstLine(Exception e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
