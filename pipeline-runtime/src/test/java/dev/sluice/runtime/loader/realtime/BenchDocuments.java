package dev.sluice.runtime.loader.realtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.testing.TestContracts;
import dev.sluice.runtime.testing.TestEvents;
import io.cloudevents.CloudEvent;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** The document the real-time loader makes of an event, for the benchmark's plain writer. */
public final class BenchDocuments {
  private static final DocumentMapper MAPPER;

  static {
    try {
      MAPPER =
          new DocumentMapper(
              new IndexNames("bench"),
              Map.of(
                  "flight.departed",
                  GeoPairs.of(new ObjectMapper().readTree(TestContracts.FLIGHT_SCHEMA))));
    } catch (Exception e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The loader's document of {@code event}, JSON. */
  public static byte[] document(CloudEvent event) {
    var record = TestEvents.record("bench", event);
    var consumed = new ConsumerRecord<>("bench", 0, 0L, record.key(), record.value());
    record.headers().forEach(h -> consumed.headers().add(h));
    return MAPPER.event(consumed).source();
  }

  private BenchDocuments() {}
}
