package dev.sluice.runtime.enricher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.contracts.ContractRegistry;
import dev.sluice.runtime.enricher.enrichment.EnrichmentChain;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the loop ends, whether it failed (the process must restart) or was stopped. */
class ProcessingLoopTest {
  private static final TopicPartition RAW = new TopicPartition("raw", 0);

  @TempDir Path dir;
  private final MockConsumer<byte[], byte[]> consumer =
      new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
  private final ExecutorService workers = Executors.newSingleThreadExecutor();
  private ProcessingLoop loop;
  private Thread thread;

  @BeforeEach
  void start() {
    consumer.assign(List.of(RAW));
    consumer.updateBeginningOffsets(Map.of(RAW, 0L));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    loop =
        new ProcessingLoop(
            consumer,
            null,
            new NoDelivery(),
            new EnricherMetrics(
                registry,
                new ContractRegistry<>(dir, b -> b),
                EnrichmentChain.create(List.of(), null, null, registry)),
            workers);
    thread = Thread.ofPlatform().name("loop-under-test").start(loop);
  }

  @AfterEach
  void stop() throws InterruptedException {
    loop.stop();
    thread.join(Duration.ofSeconds(10));
    workers.shutdownNow();
  }

  @Test
  void anUnexpectedExceptionEndsTheLoopAsFailed() {
    consumer.setPollException(new KafkaException("unexpected"));

    await().atMost(Duration.ofSeconds(10)).until(() -> !thread.isAlive());
    assertThat(loop.hasFailed()).isTrue();
    assertThat(loop.isHealthy()).isFalse();
  }

  @Test
  void anErrorEndsTheLoopAsFailed() {
    consumer.schedulePollTask(
        () -> {
          throw new NoClassDefFoundError("a class missing from a broken image");
        });

    await().atMost(Duration.ofSeconds(10)).until(() -> !thread.isAlive());
    assertThat(loop.hasFailed()).isTrue();
  }

  @Test
  void aStoppedLoopHasNotFailed() throws InterruptedException {
    await().atMost(Duration.ofSeconds(10)).until(loop::isHealthy);

    loop.stop();
    thread.join(Duration.ofSeconds(10));

    assertThat(thread.isAlive()).isFalse();
    assertThat(loop.hasFailed()).isFalse();
    assertThat(consumer.closed()).isTrue();
  }

  /** Never sends: no test delivers a record. */
  private static final class NoDelivery implements BatchDelivery {
    @Override
    public int maxOpenBatches() {
      return 1;
    }

    @Override
    public void open() {}

    @Override
    public CompletableFuture<RecordMetadata> send(ProducerRecord<byte[], byte[]> record) {
      throw new AssertionError("nothing to deliver");
    }

    @Override
    public int commit(List<Batch> open, int atLeast) {
      throw new AssertionError("nothing to commit");
    }

    @Override
    public void recover() {}

    @Override
    public void close() {}
  }
}
