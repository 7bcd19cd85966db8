package dev.sluice.runtime.loader.batch;

import dev.sluice.runtime.Stage;
import dev.sluice.runtime.StageContext;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import dev.sluice.runtime.loader.BeforeCommit;
import dev.sluice.runtime.loader.ConsumerLoop;
import dev.sluice.runtime.loader.DeadLetterSender;
import dev.sluice.runtime.objectstore.ObjectStore;
import dev.sluice.runtime.objectstore.ObjectStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The {@code batch-loader} stage: consumes the enriched topic (consumer group {@code
 * <pipeline>-batch-loader}), buffers per partition and writes objects of event type and hour
 * ({@link ObjectLayout}) to the bucket, committing a partition's offsets only once its objects are
 * stored. Records are converted and buffered on the consumer thread ({@link BatchHandler}), encoded
 * and uploaded on {@link FlushWorkers}; see {@link PartitionFlusher} for replays.
 */
public final class BatchLoader implements Stage {
  /** Flushes (encode, upload) run at once, across partitions; each partition has at most one. */
  static final int FLUSH_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private final StageContext context;
  private final BeforeCommit beforeCommit;
  private final BatchLoaderSettings settings;
  private ObjectStore store;
  private ConsumerLoop loop;
  private BatchHandler handler;
  private DeadLetterSender deadLetters;
  private ObjectEncoder encoder;
  private FlushWorkers workers;
  private Path tempDir;

  public BatchLoader(StageContext context) {
    this(context, BeforeCommit.NONE);
  }

  /**
   * @param beforeCommit called between the object writes and the commit (tests crash there)
   */
  public BatchLoader(StageContext context, BeforeCommit beforeCommit) {
    this.context = context;
    this.beforeCommit = beforeCommit;
    this.settings = BatchLoaderSettings.from(context.config());
    this.store = ObjectStores.fromConfig(context.config());
  }

  @Override
  public void start() {
    var config = context.config();
    try {
      tempDir = Files.createTempDirectory("sluice-batch-loader-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary directory", e);
    }
    String clientId = config.stageConfig().getPipeline() + "-batch-loader-" + config.instance();
    deadLetters =
        new DeadLetterSender(
            new KafkaProducer<>(KafkaClientConfigs.producer(config.bootstrapServers(), clientId)));
    encoder = new ObjectEncoder(settings.format(), tempDir);
    PartitionFlusher flusher =
        new PartitionFlusher(settings, store, encoder, deadLetters, context.registry());
    workers = new FlushWorkers(flusher, FLUSH_THREADS);
    handler = new BatchHandler(settings, flusher, workers, beforeCommit, store);
    loop =
        new ConsumerLoop(
            "batch-loader",
            new KafkaConsumer<>(
                KafkaClientConfigs.consumer(
                    config.bootstrapServers(), settings.groupId(), clientId)),
            List.of(settings.topic()),
            handler);
    loop.start();
  }

  @Override
  public boolean isLive() {
    return loop == null || !loop.hasFailed();
  }

  @Override
  public boolean isReady() {
    return loop != null && loop.isRunning() && loop.handlerReady();
  }

  @Override
  public void close() {
    if (loop != null) {
      loop.close();
    }
    if (workers != null) {
      workers.close();
    }
    if (deadLetters != null) {
      deadLetters.close();
    }
    if (encoder != null) {
      encoder.close();
    }
    store.close();
    if (tempDir != null) {
      tempDir.toFile().delete();
    }
  }
}
