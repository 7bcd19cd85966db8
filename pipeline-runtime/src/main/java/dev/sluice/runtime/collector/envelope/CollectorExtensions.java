package dev.sluice.runtime.collector.envelope;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.time.Instant;

/**
 * Adds the collector's metadata to an accepted event as CloudEvents extension attributes: {@code
 * sluicereceivedat} (RFC 3339, UTC), {@code sluicecollector} (this instance) and {@code
 * sluicepipeline}. Values a producer sent under these names are replaced.
 */
public final class CollectorExtensions {
  /** When the collector received the event, RFC 3339 in UTC. */
  public static final String RECEIVED_AT = "sluicereceivedat";

  /** The collector instance (pod name) that received the event. */
  public static final String COLLECTOR = "sluicecollector";

  /** metadata.name of the DataPipeline. */
  public static final String PIPELINE = "sluicepipeline";

  private final String instance;
  private final String pipeline;

  public CollectorExtensions(String instance, String pipeline) {
    this.instance = instance;
    this.pipeline = pipeline;
  }

  /**
   * @param event a validated event
   * @param receivedAt when its request arrived
   * @return the event with the three extensions set
   */
  public CloudEvent stamp(CloudEvent event, Instant receivedAt) {
    return CloudEventBuilder.v1(event)
        .withExtension(RECEIVED_AT, receivedAt.toString())
        .withExtension(COLLECTOR, instance)
        .withExtension(PIPELINE, pipeline)
        .build();
  }
}
