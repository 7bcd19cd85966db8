package dev.sluice.runtime.collector.publish;

import dev.sluice.runtime.collector.envelope.Rejection;
import io.cloudevents.CloudEvent;
import java.util.Map;

/**
 * One event of a request, decoded: either a valid {@link CloudEvent} bound for the raw topic, or a
 * {@link Rejection} with the bytes received, bound for the raw dead-letter topic.
 *
 * @param index position in the request (0 for a single event)
 * @param id the event's id when it could be read, else null
 * @param event the valid event, or null when rejected
 * @param rejection why it is rejected, or null when valid
 * @param original the bytes received for this event (dead-letter value), null for a valid one
 * @param key dead-letter record key (partition key when readable), or null
 * @param headers extra dead-letter headers (binary mode's {@code ce_*} attributes), never null
 */
public record Candidate(
    int index,
    String id,
    CloudEvent event,
    Rejection rejection,
    byte[] original,
    byte[] key,
    Map<String, String> headers) {

  /** A valid event. */
  public static Candidate valid(int index, CloudEvent event) {
    return new Candidate(index, event.getId(), event, null, null, null, Map.of());
  }

  /** A rejected event. */
  public static Candidate rejected(
      int index, String id, Rejection rejection, byte[] original, byte[] key) {
    return new Candidate(index, id, null, rejection, original, key, Map.of());
  }

  /** The same rejected event with dead-letter headers added. */
  public Candidate withHeaders(Map<String, String> extra) {
    return new Candidate(index, id, event, rejection, original, key, Map.copyOf(extra));
  }

  public boolean isValid() {
    return event != null;
  }
}
