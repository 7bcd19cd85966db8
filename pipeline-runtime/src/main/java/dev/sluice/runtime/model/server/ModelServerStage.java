package dev.sluice.runtime.model.server;

import dev.sluice.api.stage.model.ModelServerConfig;
import dev.sluice.runtime.Stage;
import dev.sluice.runtime.StageContext;
import dev.sluice.runtime.model.registry.ModelRegistry;
import dev.sluice.runtime.model.stream.PredictionStream;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-server stage: loads one model version from the registry into ONNX Runtime, warms it up,
 * then serves the Open Inference Protocol v2 REST API ({@link OipRoutes}) and, when {@code
 * server.stream} is set, predicts every event of a topic ({@link PredictionStream}).
 *
 * <p>Loading runs in the background and is retried every {@value #RETRY_MS} ms while it fails (the
 * registry may not hold the version yet); until it succeeds the server is live but not ready.
 */
public final class ModelServerStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(ModelServerStage.class);
  static final long RETRY_MS = 5000;

  private final StageContext context;
  private final ModelServerConfig config;
  private final AtomicReference<ServedModel> served = new AtomicReference<>();
  private volatile boolean closed;
  private ModelRegistry registry;
  private volatile PredictionStream stream;

  public ModelServerStage(StageContext context) {
    this.context = context;
    this.config = context.config().modelStage().server();
  }

  @Override
  public void start() {
    registry = ModelRegistry.open(config.registry(), context.config());
    OipRoutes.mount(
        context.vertx(),
        context.router(),
        served::get,
        this::isLive,
        this::isReady,
        config.model(),
        config.maxRequestBytes());
    load();
  }

  private void load() {
    context
        .vertx()
        .<ServedModel>executeBlocking(this::loadOnce, false)
        .onSuccess(
            model -> {
              if (closed) {
                model.onnx().close();
                return;
              }
              served.set(model);
              LOG.info(
                  "model {} version {} loaded from {} and warmed up",
                  model.name(),
                  model.version(),
                  registry.describe());
              if (config.stream() != null) {
                stream =
                    new PredictionStream(
                        context.config(), config.stream(), model.onnx(), model.metrics());
                stream.start();
              }
            })
        .onFailure(
            e -> {
              if (closed) {
                return;
              }
              LOG.error(
                  "cannot load model {} version {} from {} (retrying in {} ms): {}",
                  config.model(),
                  config.version(),
                  registry.describe(),
                  RETRY_MS,
                  e.toString());
              context.vertx().setTimer(RETRY_MS, t -> load());
            });
  }

  private ServedModel loadOnce() throws Exception {
    ModelRegistry.LoadedModel loaded = registry.load(config.model(), config.version());
    OnnxModel onnx = new OnnxModel(loaded.onnx(), loaded.metadata());
    try {
      onnx.warmUp();
    } catch (Exception e) {
      onnx.close();
      throw e;
    }
    return new ServedModel(
        onnx,
        new InferRequestParser(
            config.model(), onnx.inputs(), onnx.outputs(), config.maxBatchSize()),
        new ModelServerMetrics(context.registry(), loaded.metadata()),
        new InFlight(config.maxInFlightRequests()));
  }

  /** False once the stream loop died on an error: a restart is the only way it consumes again. */
  @Override
  public boolean isLive() {
    PredictionStream s = stream;
    return s == null || !s.hasFailed();
  }

  @Override
  public boolean isReady() {
    return served.get() != null && (stream == null || stream.isRunning());
  }

  @Override
  public void close() {
    closed = true;
    if (stream != null) {
      stream.close();
    }
    // New requests now get 503; let the running ones finish before the session goes away.
    ServedModel model = served.getAndSet(null);
    if (model != null) {
      try {
        model.limiter().awaitIdle(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      model.onnx().close();
    }
    if (registry != null) {
      registry.close();
    }
  }
}
