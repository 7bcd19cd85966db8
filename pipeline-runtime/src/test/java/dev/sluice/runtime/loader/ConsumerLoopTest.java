package dev.sluice.runtime.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** Whether a loader's consumer thread ended failed (the process must restart) or was closed. */
class ConsumerLoopTest {
  private static final TopicPartition ENRICHED = new TopicPartition("enriched", 0);

  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

  @Test
  void aHandlerErrorEndsTheLoopAsFailed() {
    ConsumerLoop loop = new ConsumerLoop("test-loader", consumer, List.of("enriched"), failing());
    loop.start();
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(ENRICHED));
          consumer.updateBeginningOffsets(Map.of(ENRICHED, 0L));
          consumer.addRecord(new ConsumerRecord<>("enriched", 0, 0, null, new byte[] {1}));
        });

    await().atMost(Duration.ofSeconds(10)).until(() -> !loop.isRunning());
    assertThat(loop.hasFailed()).isTrue();
    assertThat(consumer.closed()).isTrue();
  }

  @Test
  void aClosedLoopHasNotFailed() {
    AtomicBoolean idled = new AtomicBoolean();
    ConsumerLoop loop =
        new ConsumerLoop("test-loader", consumer, List.of("enriched"), idling(idled));
    loop.start();
    await().atMost(Duration.ofSeconds(10)).untilTrue(idled);

    loop.close();

    assertThat(loop.isRunning()).isFalse();
    assertThat(loop.hasFailed()).isFalse();
  }

  private static ConsumerLoop.Handler failing() {
    return new IdleHandler(new AtomicBoolean()) {
      @Override
      public void accept(List<ConsumerRecord<byte[], byte[]>> records, ConsumerLoop.Control c) {
        throw new IllegalStateException("a bug in the handler");
      }
    };
  }

  private static ConsumerLoop.Handler idling(AtomicBoolean idled) {
    return new IdleHandler(idled);
  }

  /** A handler that only notes that the loop polled. */
  private static class IdleHandler implements ConsumerLoop.Handler {
    private final AtomicBoolean idled;

    IdleHandler(AtomicBoolean idled) {
      this.idled = idled;
    }

    @Override
    public boolean prepare(ConsumerLoop.Control control) {
      return true;
    }

    @Override
    public boolean ready() {
      return true;
    }

    @Override
    public void accept(List<ConsumerRecord<byte[], byte[]>> records, ConsumerLoop.Control c) {}

    @Override
    public void idle(ConsumerLoop.Control control) {
      idled.set(true);
    }

    @Override
    public void drain(ConsumerLoop.Control control) {}
  }
}
