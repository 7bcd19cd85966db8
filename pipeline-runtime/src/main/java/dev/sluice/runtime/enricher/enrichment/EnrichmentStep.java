package dev.sluice.runtime.enricher.enrichment;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.CompletableFuture;

/** One enrichment of a pipeline: adds fields to an event's data. */
public interface EnrichmentStep extends AutoCloseable {

  /** The step's name from the spec, used in metrics and error messages. */
  String name();

  /**
   * Adds this step's fields to {@code data} in place.
   *
   * @param data the event's data (a JSON object)
   * @return completes when {@code data} holds the new fields — with those fields rendered when
   *     every one of them is a new member of {@code data}, else with null (the whole data is then
   *     serialized again) — or exceptionally with an {@link EnrichmentException} saying why it
   *     could not
   */
  CompletableFuture<AddedMembers> apply(ObjectNode data);

  /**
   * Reads again what the step loaded from files, if they changed; called periodically off the
   * processing path. The default loads nothing.
   */
  default void refresh() {}

  /** Releases clients and caches; the default has none. */
  @Override
  default void close() {}
}
