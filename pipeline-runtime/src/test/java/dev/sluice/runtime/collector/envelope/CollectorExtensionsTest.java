package dev.sluice.runtime.collector.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CollectorExtensionsTest {
  @Test
  void stampsReceivedAtCollectorAndPipelineReplacingWhatTheProducerSent() {
    CloudEvent event =
        CloudEventBuilder.v1()
            .withId("e1")
            .withSource(URI.create("/s"))
            .withType("t")
            .withExtension("sluicepipeline", "forged")
            .build();

    CloudEvent stamped =
        new CollectorExtensions("collector-0", "flights")
            .stamp(event, Instant.parse("2026-05-01T10:15:00Z"));

    assertThat(stamped.getExtension("sluicereceivedat")).isEqualTo("2026-05-01T10:15:00Z");
    assertThat(stamped.getExtension("sluicecollector")).isEqualTo("collector-0");
    assertThat(stamped.getExtension("sluicepipeline")).isEqualTo("flights");
    assertThat(stamped.getId()).isEqualTo("e1");
  }
}
