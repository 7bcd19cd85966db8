package dev.sluice.runtime.collector.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartitionKeysTest {
  private static CloudEventBuilder event() {
    return CloudEventBuilder.v1().withId("e1").withSource(URI.create("/s")).withType("t");
  }

  private static String key(CloudEvent e) {
    return new String(PartitionKeys.of(e), StandardCharsets.UTF_8);
  }

  @Test
  void prefersPartitionKeyThenSubjectThenId() {
    assertThat(key(event().withSubject("KL1").withExtension("partitionkey", "ams").build()))
        .isEqualTo("ams");
    assertThat(key(event().withSubject("KL1").build())).isEqualTo("KL1");
    assertThat(key(event().build())).isEqualTo("e1");
  }

  @Test
  void readsTheKeyOfAnEventThatCouldNotBeBuilt() {
    assertThat(
            new String(
                PartitionKeys.of(Map.of("subject", "KL1", "id", "e1")), StandardCharsets.UTF_8))
        .isEqualTo("KL1");
    assertThat(PartitionKeys.of(Map.of("id", 5))).isNull();
  }
}
