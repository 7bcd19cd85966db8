package dev.sluice.runtime.collector;

import dev.sluice.api.v1alpha1.CollectorSpec;
import dev.sluice.api.v1alpha1.ContractReference;
import dev.sluice.api.v1alpha1.PayloadLimits;
import dev.sluice.runtime.Stage;
import dev.sluice.runtime.StageContext;
import dev.sluice.runtime.collector.auth.ApiKeys;
import dev.sluice.runtime.collector.contracts.ContractTypes;
import dev.sluice.runtime.collector.envelope.CollectorExtensions;
import dev.sluice.runtime.collector.envelope.EnvelopeValidator;
import dev.sluice.runtime.collector.grpc.GrpcCollectorServer;
import dev.sluice.runtime.collector.http.EventsHandler;
import dev.sluice.runtime.collector.publish.EventPublisher;
import dev.sluice.runtime.collector.publish.KafkaHealth;
import dev.sluice.runtime.config.RuntimeConfig;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector stage ({@code --stage collector}): CloudEvents over HTTP ({@value #EVENTS_PATH} on
 * the stage's HTTP port, OpenAPI at {@value #OPENAPI_PATH}) and gRPC ({@code spec.collector
 * .grpcPort}) into the raw topic, rejected events into the raw dead-letter topic. See
 * docs/collector.md.
 */
public final class CollectorStage implements Stage {
  /** Path of the events endpoint. */
  public static final String EVENTS_PATH = "/v1/events";

  /** Path of the OpenAPI document of the HTTP API. */
  public static final String OPENAPI_PATH = "/openapi.yaml";

  private static final Logger LOG = LoggerFactory.getLogger(CollectorStage.class);
  private static final Duration REFRESH_INTERVAL = Duration.ofSeconds(2);
  private static final long SHUTDOWN_TIMEOUT_MS = 20_000;

  private final StageContext context;
  private final CollectorSpec spec;
  private final InFlightLimiter limiter;
  private final CollectorMetrics metrics;
  private final ContractTypes contracts;
  private final ApiKeys apiKeys;
  private KafkaHealth health;
  private Producer<byte[], byte[]> producer;
  private GrpcCollectorServer grpc;
  private long refreshTimer = -1;
  private volatile boolean started;

  public CollectorStage(StageContext context) {
    this.context = context;
    RuntimeConfig config = context.config();
    this.spec = config.stageConfig().getSpec().getCollector();
    this.limiter = new InFlightLimiter(spec.getMaxInFlightRequests());
    this.metrics = new CollectorMetrics(context.registry(), limiter);
    this.contracts =
        new ContractTypes(
            config.contractsDir(),
            config.stageConfig().getSpec().getContracts().stream()
                .map(ContractReference::getName)
                .toList());
    this.apiKeys = config.collectorApiKeysFile().map(ApiKeys::new).orElse(null);
  }

  @Override
  public void start() throws Exception {
    RuntimeConfig config = context.config();
    PayloadLimits limits = spec.getLimits();
    refresh();
    Vertx vertx = context.vertx();
    refreshTimer =
        vertx.setPeriodic(
            REFRESH_INTERVAL.toMillis(),
            id ->
                vertx.executeBlocking(
                    () -> {
                      refresh();
                      return null;
                    },
                    false));
    String clientId = config.stageConfig().getPipeline() + "-collector-" + config.instance();
    producer =
        new KafkaProducer<>(
            CollectorProducerConfig.of(config.bootstrapServers(), clientId, limits));
    var topics = config.stageConfig().getTopics();
    health =
        new KafkaHealth(
            config.bootstrapServers(),
            clientId + "-probe",
            REFRESH_INTERVAL,
            producer,
            List.of(topics.getRaw(), topics.getRawDeadLetter()));
    health.start();
    EventPublisher publisher =
        new EventPublisher(
            producer,
            topics.getRaw(),
            topics.getRawDeadLetter(),
            limits.getDeadLetterPayloadCapBytes(),
            new CollectorExtensions(config.instance(), config.stageConfig().getPipeline()),
            health);
    EnvelopeValidator validator =
        new EnvelopeValidator(limits.getMaxEventBytes(), contracts::forType);
    context
        .router()
        .post(EVENTS_PATH)
        .handler(
            new EventsHandler(
                limits,
                spec.getRequestTimeoutMs(),
                validator,
                publisher,
                health,
                limiter,
                apiKeys,
                metrics));
    context.router().get(OPENAPI_PATH).handler(OpenApiDocument::serve);
    grpc =
        new GrpcCollectorServer(
            config.grpcPort(),
            limits.getMaxRequestBytes(),
            limits.getMaxBatchEvents(),
            spec.getRequestTimeoutMs(),
            validator,
            publisher,
            health,
            limiter,
            apiKeys,
            metrics);
    int grpcPort = grpc.start();
    started = true;
    LOG.info(
        "collector writing to {} (dead letters to {}), gRPC on port {}",
        topics.getRaw(),
        topics.getRawDeadLetter(),
        grpcPort);
  }

  /** The gRPC port bound (after {@link #start()}). */
  public int grpcPort() {
    return grpc.port();
  }

  @Override
  public boolean isReady() {
    return started && !limiter.isClosed() && health.isReachable();
  }

  /** Refuses new requests, lets running ones finish, flushes and closes the producer. */
  @Override
  public void close() {
    limiter.close();
    if (refreshTimer >= 0) {
      context.vertx().cancelTimer(refreshTimer);
    }
    try {
      if (grpc != null) {
        grpc.shutdown(SHUTDOWN_TIMEOUT_MS);
      }
      if (!limiter.awaitIdle(SHUTDOWN_TIMEOUT_MS)) {
        LOG.warn("{} requests still in flight at shutdown", limiter.inFlight());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer != null) {
      producer.flush();
      producer.close(Duration.ofSeconds(10));
    }
    if (health != null) {
      health.close();
    }
  }

  private void refresh() {
    contracts.refresh();
    if (apiKeys != null) {
      apiKeys.refresh();
    }
  }
}
