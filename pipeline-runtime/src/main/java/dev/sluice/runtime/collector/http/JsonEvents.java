package dev.sluice.runtime.collector.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.collector.envelope.EnvelopeValidator;
import dev.sluice.runtime.collector.envelope.PartitionKeys;
import dev.sluice.runtime.collector.envelope.Rejection;
import dev.sluice.runtime.collector.envelope.RequestRejectedException;
import dev.sluice.runtime.collector.publish.Candidate;
import dev.sluice.runtime.deadletter.ErrorClass;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decodes the CloudEvents JSON format (CloudEvents 1.0 "JSON Event Format"): one event ({@code
 * application/cloudevents+json}) or a batch, a JSON array of events ({@code
 * application/cloudevents-batch+json}). Each event's envelope is checked by {@link
 * EnvelopeValidator}, then the CloudEvents SDK builds it. Events are read token by token so each
 * event's own bytes are known (its size and its dead-letter value) and its {@code data} is never
 * parsed into a tree: the common event (string attributes, JSON data) is built from that one pass
 * with the data's bytes as they came; others go through the SDK's JSON format parser.
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
  private static final Pattern JSON_CONTENT_TYPE =
      Pattern.compile("^(application|text)/([a-zA-Z]+\\+)?json(;.*)*$");

  private final EnvelopeValidator validator;
  private final int maxBatchEvents;

  JsonEvents(EnvelopeValidator validator, int maxBatchEvents) {
    this.validator = validator;
    this.maxBatchEvents = maxBatchEvents;
  }

  /** One structured-mode event; the body is the event. */
  Candidate single(byte[] body) throws RequestRejectedException {
    try (JsonParser p = MAPPER.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw unparseable("body is not a JSON object");
      }
      Candidate event = read(p, body, 0);
      if (p.nextToken() != null) {
        throw unparseable("body has content after the JSON event");
      }
      return event;
    } catch (IOException e) {
      throw unparseable("body is not a JSON event: " + firstLine(e));
    }
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
        if (p.currentToken() == JsonToken.START_OBJECT) {
          items.add(read(p, body, items.size()));
        } else {
          int start = (int) p.currentTokenLocation().getByteOffset();
          p.skipChildren();
          p.finishToken();
          byte[] original = Arrays.copyOfRange(body, start, end(p));
          items.add(
              Candidate.rejected(
                  items.size(),
                  null,
                  new Rejection(ErrorClass.Unparseable, null, "batch item is not a JSON object"),
                  original,
                  null));
        }
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

  /**
   * Reads the event object {@code p} is at, in one pass: its attributes, and the byte range of its
   * {@code data} (skipped, never built as a tree). Leaves {@code p} at the object's end.
   */
  private Candidate read(JsonParser p, byte[] body, int index) throws IOException {
    int start = (int) p.currentTokenLocation().getByteOffset();
    Map<String, Object> attributes = new HashMap<>();
    int dataStart = -1;
    int dataEnd = -1;
    boolean plain = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals("data")) {
        dataStart = (int) p.currentTokenLocation().getByteOffset();
        // A container is skipped to its end; a scalar (a string is read lazily) is finished.
        p.skipChildren();
        p.finishToken();
        dataEnd = end(p);
        plain &= value != JsonToken.VALUE_NULL;
      } else if (name.equals("data_base64")) {
        p.skipChildren();
        plain = false;
      } else if (value == JsonToken.VALUE_STRING) {
        attributes.put(name, p.getText());
      } else {
        attributes.put(name, MAPPER.readTree(p));
        plain = false;
      }
    }
    byte[] original = Arrays.copyOfRange(body, start, end(p));
    String id = attributes.get("id") instanceof String s ? s : null;
    var problem = validator.check(attributes, original.length);
    if (problem.isPresent()) {
      return Candidate.rejected(index, id, problem.get(), original, PartitionKeys.of(attributes));
    }
    try {
      // Attributes all strings and data JSON (or none): the event is built from this one pass.
      // Anything else (data_base64, non-JSON data, typed extensions) goes through the SDK's parser.
      CloudEvent event =
          plain && isJson(attributes.get("datacontenttype"))
              ? build(
                  attributes, dataStart < 0 ? null : Arrays.copyOfRange(body, dataStart, dataEnd))
              : FORMAT.deserialize(original);
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

  /**
   * The event from string attributes (checked) and the raw bytes of its JSON data, through the
   * SDK's builder, which parses each attribute as its readers do ({@code withContextAttribute}).
   */
  private static CloudEvent build(Map<String, Object> attributes, byte[] data) {
    CloudEventBuilder builder = CloudEventBuilder.v1();
    attributes.forEach(
        (name, value) -> {
          if (!name.equals("specversion")) {
            builder.withContextAttribute(name, (String) value);
          }
        });
    if (data != null) {
      if (!attributes.containsKey("datacontenttype")) {
        // What the JSON format implies, and what the SDK's parser sets.
        builder.withDataContentType("application/json");
      }
      builder.withData(data);
    }
    return builder.build();
  }

  /**
   * Whether {@code data} of this {@code datacontenttype} is JSON in the CloudEvents JSON format:
   * absent, or {@code application|text/[...+]json[;...]} — the rule of the SDK's {@code
   * JsonFormat}.
   */
  private static boolean isJson(Object contentType) {
    return contentType == null
        || (contentType instanceof String s && JSON_CONTENT_TYPE.matcher(s).matches());
  }

  /** Byte offset just past the current token. */
  private static int end(JsonParser p) {
    return (int) p.currentLocation().getByteOffset();
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
