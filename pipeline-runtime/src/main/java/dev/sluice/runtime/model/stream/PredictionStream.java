package dev.sluice.runtime.model.stream;

import dev.sluice.api.stage.model.StreamConfig;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import dev.sluice.runtime.model.server.ModelServerMetrics;
import dev.sluice.runtime.model.server.OnnxModel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stream mode of the model server, at-least-once: poll input events, predict them as one batch
 * ({@link PredictionBatch}), produce the predictions and dead letters, wait until Kafka
 * acknowledged every one, then commit the poll's offsets. When a produce fails, the consumer is
 * rewound to the poll's first offsets and the events are predicted again after a pause, so none is
 * lost (some may be predicted twice; prediction ids are deterministic for that).
 *
 * <p>An error outside a batch (the consumer itself failing) ends the loop for good: {@link
 * #hasFailed()} turns true so the stage reports itself not live and Kubernetes restarts the pod,
 * rather than keeping a live pod that consumes nothing.
 */
public final class PredictionStream implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PredictionStream.class);
  private static final long RETRY_PAUSE_MS = 1000;

  private final Consumer<byte[], byte[]> consumer;
  private final Producer<byte[], byte[]> producer;
  private final PredictionBatch batch;
  private final ModelServerMetrics metrics;
  private final StreamConfig config;
  private final Thread thread;
  private volatile boolean running = true;
  private volatile boolean failed;

  /**
   * @param runtime supplies the bootstrap servers, the instance name (client ids) and the default
   *     consumer group {@code sluice-model-<deployment>}
   */
  public PredictionStream(
      RuntimeConfig runtime, StreamConfig config, OnnxModel model, ModelServerMetrics metrics) {
    this(
        new KafkaConsumer<>(consumerConfigs(runtime, config)),
        new KafkaProducer<>(
            KafkaClientConfigs.producer(runtime.bootstrapServers(), runtime.instance())),
        new PredictionBatch(model, config.outputTopic(), config.deadLetterTopic()),
        metrics,
        config);
  }

  private static Map<String, Object> consumerConfigs(RuntimeConfig runtime, StreamConfig config) {
    String group =
        config.consumerGroup() != null
            ? config.consumerGroup()
            : "sluice-model-" + runtime.modelStage().deployment();
    Map<String, Object> c =
        KafkaClientConfigs.consumer(runtime.bootstrapServers(), group, runtime.instance());
    c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, config.maxPollRecords());
    return c;
  }

  PredictionStream(
      Consumer<byte[], byte[]> consumer,
      Producer<byte[], byte[]> producer,
      PredictionBatch batch,
      ModelServerMetrics metrics,
      StreamConfig config) {
    this.consumer = consumer;
    this.producer = producer;
    this.batch = batch;
    this.metrics = metrics;
    this.config = config;
    this.thread = Thread.ofPlatform().name("model-stream").unstarted(this::run);
  }

  public void start() {
    consumer.subscribe(List.of(config.inputTopic()));
    thread.start();
  }

  /** Whether the loop is consuming (false after a fatal error or close). */
  public boolean isRunning() {
    return running && thread.isAlive();
  }

  /**
   * Whether the loop ended on an error rather than on {@link #close()}; it never restarts, so the
   * process must (it is no longer live).
   */
  public boolean hasFailed() {
    return failed;
  }

  private void run() {
    try {
      while (running) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(500));
        if (polled.isEmpty()) {
          continue;
        }
        try {
          process(polled);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          LOG.warn("prediction batch not delivered, re-reading it: {}", e.toString());
          metrics.outcome("error", polled.count());
          rewind(polled);
          Thread.sleep(RETRY_PAUSE_MS); // back off before re-reading the same records
        }
      }
    } catch (WakeupException | InterruptedException e) {
      // close() woke the consumer up
    } catch (RuntimeException e) {
      failed = true;
      LOG.error("prediction stream stopped: {}", e.toString(), e);
    } finally {
      running = false;
    }
  }

  private void process(ConsumerRecords<byte[], byte[]> polled) throws Exception {
    PredictionBatch.Result result = batch.predict(polled);
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> r : result.records()) {
      sent.add(producer.send(r));
    }
    producer.flush();
    for (Future<RecordMetadata> f : sent) {
      f.get(); // throws when Kafka refused one: then nothing of this poll is committed
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : polled.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> records = polled.records(tp);
      offsets.put(tp, new OffsetAndMetadata(records.getLast().offset() + 1));
    }
    consumer.commitSync(offsets);
    metrics.outcome("ok", result.predicted());
    metrics.outcome("invalid", result.rejected());
    if (result.output() != null) {
      metrics.latency(result.inferenceNanos());
      metrics.predictions(result.output());
    }
  }

  private void rewind(ConsumerRecords<byte[], byte[]> polled) {
    for (TopicPartition tp : polled.partitions()) {
      consumer.seek(tp, polled.records(tp).getFirst().offset());
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    producer.close(Duration.ofSeconds(10));
  }
}
