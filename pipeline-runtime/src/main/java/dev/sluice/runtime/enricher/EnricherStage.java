package dev.sluice.runtime.enricher;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.DeliveryGuarantee;
import dev.sluice.api.v1alpha1.EnricherSpec;
import dev.sluice.api.v1alpha1.PayloadLimits;
import dev.sluice.runtime.Stage;
import dev.sluice.runtime.StageContext;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.contracts.ContractRegistry;
import dev.sluice.runtime.enricher.contract.CompiledContract;
import dev.sluice.runtime.enricher.contract.ContractValidator;
import dev.sluice.runtime.enricher.enrichment.EnrichmentChain;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enricher/validator stage ({@code --stage enricher}): consumes the raw topic in the consumer
 * group {@code <pipeline>-enricher}, validates each event against its contract, applies {@code
 * spec.enricher.enrichments} and writes to the enriched topic or the enriched DLQ, with the
 * delivery guarantee of {@code spec.enricher.delivery}. See docs/enricher.md.
 */
public final class EnricherStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(EnricherStage.class);

  /** How often the contract bundles and lookup table files are checked for changes. */
  static final Duration FILE_CHECK_INTERVAL = Duration.ofSeconds(1);

  private final StageContext context;
  private final ContractRegistry<CompiledContract> contracts;
  private final EnrichmentChain chain;
  private ProcessingLoop loop;
  private ExecutorService workers;
  private ScheduledExecutorService tableReloads;
  private Thread thread;

  /**
   * Reads the contracts and lookup tables.
   *
   * @throws dev.sluice.runtime.config.ConfigException naming the field of an unusable enrichment
   */
  public EnricherStage(StageContext context) {
    this.context = context;
    RuntimeConfig config = context.config();
    ObjectMapper json = new ObjectMapper();
    this.contracts =
        new ContractRegistry<>(config.contractsDir(), CompiledContract::compile)
            .start(FILE_CHECK_INTERVAL);
    if (contracts.size() == 0) {
      LOG.warn(
          "no contract in {}: every event goes to the DLQ as UnknownType", config.contractsDir());
    }
    this.chain =
        EnrichmentChain.create(spec(config).getEnrichments(), config, json, context.registry());
  }

  @Override
  public synchronized void start() {
    RuntimeConfig config = context.config();
    StageConfig stage = config.stageConfig();
    String group = stage.getPipeline() + "-enricher";
    String clientId = group + "-" + config.instance();
    boolean exactlyOnce = spec(config).getDelivery() == DeliveryGuarantee.ExactlyOnce;

    Map<String, Object> consumerProps =
        KafkaClientConfigs.consumer(config.bootstrapServers(), group, clientId);
    consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
    consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    // A crashed instance's partitions move to the others after 10 s rather than the default 45 s.
    consumerProps.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
    consumerProps.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
    Map<String, Object> producerProps =
        KafkaClientConfigs.producer(config.bootstrapServers(), clientId);
    producerProps.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    if (exactlyOnce) {
      // Stable per instance (the pod name), so a restarted instance fences its predecessor.
      producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, clientId);
      // A transaction only spans produce and commit of one batch; if its instance dies and never
      // comes back under the same id, read_committed consumers wait at most this long.
      producerProps.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 20_000);
      // A transaction's first writes often meet the markers of the one just committed
      // (CONCURRENT_TRANSACTIONS) and are retried: after 10 ms, not the default 100.
      producerProps.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 10);
    }
    KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
    KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps);
    BatchDelivery delivery =
        exactlyOnce
            ? new ExactlyOnceDelivery(producer, consumer)
            : new AtLeastOnceDelivery(producer, consumer);
    EventProcessor processor =
        new EventProcessor(
            new ContractValidator(contracts, new ObjectMapper()),
            chain,
            new EnrichedEventWriter(stage.getTopics().getEnriched()),
            stage.getTopics().getEnrichedDeadLetter(),
            maxEventBytes(stage),
            new ObjectMapper());
    EnricherMetrics metrics = new EnricherMetrics(context.registry(), contracts, chain);

    // Validation and lookups are CPU work: one worker per core, at most one per partition matters.
    int cores = Runtime.getRuntime().availableProcessors();
    workers =
        Executors.newFixedThreadPool(
            Math.max(1, Math.min(cores, 8)),
            r -> Thread.ofPlatform().daemon().name("enricher-worker").unstarted(r));
    tableReloads =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("enricher-table-reload").unstarted(r));
    tableReloads.scheduleWithFixedDelay(
        chain::refresh,
        FILE_CHECK_INTERVAL.toMillis(),
        FILE_CHECK_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
    loop = new ProcessingLoop(consumer, processor, delivery, metrics, workers);
    consumer.subscribe(List.of(stage.getTopics().getRaw()), loop.rebalanceListener());
    thread = Thread.ofPlatform().name("enricher-loop").start(loop);
    LOG.info(
        "enricher consuming {} in group {} ({}), writing {} and {}",
        stage.getTopics().getRaw(),
        group,
        exactlyOnce ? "exactly-once" : "at-least-once",
        stage.getTopics().getEnriched(),
        stage.getTopics().getEnrichedDeadLetter());
  }

  @Override
  public boolean isReady() {
    return loop != null && thread.isAlive() && loop.isHealthy();
  }

  /** False once the processing loop died; it does not restart in this process. */
  @Override
  public boolean isLive() {
    return loop == null || !loop.hasFailed();
  }

  @Override
  public synchronized void close() {
    if (loop != null) {
      loop.stop();
      try {
        thread.join(Duration.ofSeconds(60));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (workers != null) {
      workers.shutdownNow();
    }
    if (tableReloads != null) {
      tableReloads.shutdownNow();
    }
    chain.close();
    contracts.close();
  }

  private static EnricherSpec spec(RuntimeConfig config) {
    EnricherSpec spec = config.stageConfig().getSpec().getEnricher();
    return spec == null ? new EnricherSpec() : spec;
  }

  private static int maxEventBytes(StageConfig stage) {
    PayloadLimits limits =
        stage.getSpec().getCollector() == null ? null : stage.getSpec().getCollector().getLimits();
    return limits == null || limits.getMaxEventBytes() == null
        ? new PayloadLimits().getMaxEventBytes()
        : limits.getMaxEventBytes();
  }
}
