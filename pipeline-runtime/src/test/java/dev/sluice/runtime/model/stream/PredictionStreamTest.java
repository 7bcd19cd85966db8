package dev.sluice.runtime.model.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.stage.model.StreamConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/**
 * Whether the stream loop reports a death the process must restart from, and only that. The batch
 * and metrics are absent: neither is reached before the first polled record.
 */
class PredictionStreamTest {
  private static final StreamConfig CONFIG =
      new StreamConfig(null, "flights.enriched", "predictions", null, null, null);

  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
  private final MockProducer<byte[], byte[]> producer = new MockProducer<>();

  @Test
  void aConsumerErrorEndsTheLoopAsFailed() {
    PredictionStream stream = new PredictionStream(consumer, producer, null, null, CONFIG);
    consumer.setPollException(new KafkaException("the broker refused this consumer"));
    stream.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> !stream.isRunning());
    assertThat(stream.hasFailed()).isTrue();
    stream.close();
  }

  @Test
  void aClosedLoopHasNotFailed() {
    PredictionStream stream = new PredictionStream(consumer, producer, null, null, CONFIG);
    TopicPartition input = new TopicPartition("flights.enriched", 0);
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(input));
          consumer.updateBeginningOffsets(Map.of(input, 0L));
        });
    stream.start();
    await().atMost(Duration.ofSeconds(10)).until(() -> consumer.assignment().contains(input));

    stream.close();

    assertThat(stream.isRunning()).isFalse();
    assertThat(stream.hasFailed()).isFalse();
    assertThat(consumer.closed()).isTrue();
  }
}
