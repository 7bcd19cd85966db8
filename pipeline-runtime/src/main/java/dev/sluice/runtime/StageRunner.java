package dev.sluice.runtime;

import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.ops.OpsServer;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one long-lived stage in this process: builds it, serves health ({@link Stage#isLive()},
 * {@link Stage#isReady()}) and metrics, and on SIGTERM closes it gracefully (stop accepting, flush,
 * commit) before exiting.
 */
public final class StageRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);

  private final RuntimeConfig config;
  private final Vertx vertx;
  private final PrometheusMeterRegistry registry;
  private final Stage stage;
  private final OpsServer ops;
  private final CountDownLatch closed = new CountDownLatch(1);
  private int port;

  /**
   * Builds the stage named by {@code config}.
   *
   * @throws ConfigException when the stage cannot be built from the configuration
   */
  public StageRunner(RuntimeConfig config) {
    this.config = config;
    this.vertx = Vertx.vertx();
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    registry
        .config()
        .commonTags(
            Tags.of(
                "pipeline", config.ownerName(),
                "stage", config.stage().cliName(),
                "instance", config.instance()));
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    Stage[] holder = new Stage[1];
    this.ops =
        new OpsServer(
            vertx,
            registry,
            config.httpPort(),
            () -> holder[0].isLive(),
            () -> holder[0].isReady());
    holder[0] = Stages.create(new StageContext(config, vertx, registry, ops.router()));
    this.stage = holder[0];
  }

  /**
   * Starts the stage and its HTTP server.
   *
   * @return the HTTP port bound
   * @throws Exception when the stage fails to start
   */
  public int start() throws Exception {
    stage.start();
    port = ops.listen();
    LOG.info(
        "stage {} of pipeline {} started, HTTP on port {}",
        config.stage(),
        config.ownerName(),
        port);
    return port;
  }

  /** Blocks until {@link #close()} ran (for example from the SIGTERM shutdown hook). */
  public void awaitClose() throws InterruptedException {
    closed.await();
  }

  /** Closes the stage gracefully, then the HTTP server and Vert.x. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed.getCount() == 0) {
      return;
    }
    LOG.info("stage {} shutting down", config.stage());
    try {
      stage.close();
    } finally {
      ops.close();
      try {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("Vert.x did not close cleanly: {}", e.toString());
      }
      registry.close();
      closed.countDown();
    }
  }
}
