package dev.sluice.operator.pipeline.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.local.LocalKafkaBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link KafkaAdminTopicService} against a real KRaft broker. */
class KafkaAdminTopicServiceIT {
  static LocalKafkaBroker broker;
  static KafkaAdminTopicService service;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = LocalKafkaBroker.inTempDir().start();
    service = new KafkaAdminTopicService(10_000);
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (service != null) {
      service.close();
    }
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void createsGrowsAndReconfiguresTopicsButNeverShrinks() {
    List<TopicSpec> plan =
        List.of(
            new TopicSpec("it.raw", 3, 1, 604_800_000L),
            new TopicSpec("it.raw.dlq", 3, 1, 604_800_000L));
    service.ensure(broker.bootstrapServers(), plan);
    service.ensure(broker.bootstrapServers(), plan);
    assertThat(
            service.describe(broker.bootstrapServers(), List.of("it.raw", "it.raw.dlq", "it.none")))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "it.raw", new TopicState(3, 1, 604_800_000L),
                "it.raw.dlq", new TopicState(3, 1, 604_800_000L)));

    service.ensure(broker.bootstrapServers(), List.of(new TopicSpec("it.raw", 6, 1, 86_400_000L)));
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(service.describe(broker.bootstrapServers(), List.of("it.raw")))
                    .containsEntry("it.raw", new TopicState(6, 1, 86_400_000L)));

    service.ensure(broker.bootstrapServers(), List.of(new TopicSpec("it.raw", 2, 1, 86_400_000L)));
    assertThat(
            service
                .describe(broker.bootstrapServers(), List.of("it.raw"))
                .get("it.raw")
                .partitions())
        .isEqualTo(6);
  }

  @Test
  void deletesTopicsAndIgnoresMissingOnes() {
    service.ensure(broker.bootstrapServers(), List.of(new TopicSpec("it.gone", 1, 1, 3_600_000L)));
    service.delete(broker.bootstrapServers(), List.of("it.gone", "it.never-made"));
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> service.describe(broker.bootstrapServers(), List.of("it.gone")).isEmpty());
  }

  @Test
  void anUnreachableBrokerFailsWithinTheTimeout() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try (KafkaAdminTopicService quick = new KafkaAdminTopicService(2_000)) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> quick.describe("127.0.0.1:" + closedPort, List.of("it.raw")))
          .isInstanceOf(TopicServiceException.class)
          .hasMessageContaining("describe topic");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    }
  }
}
