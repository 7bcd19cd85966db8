package dev.sluice.runtime.model.router;

import dev.sluice.api.stage.model.ModelRouterConfig;
import dev.sluice.api.stage.model.ModelStageConfig;
import dev.sluice.runtime.Stage;
import dev.sluice.runtime.StageContext;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.collector.contracts.PolledFile;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.model.config.ModelStageConfigs;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model-router stage: an HTTP proxy in front of a model's model servers (stable and candidate)
 * with a weighted split and shadow mirroring ({@link ProxyHandler}, {@link ShadowMirror}) and
 * per-variant metrics ({@link RouterMetrics}). It serves the Open Inference Protocol paths of its
 * model ({@code /v2/models/<model>[/versions/<v>][/infer|/ready]}) and its own {@code
 * /v2/health/live|ready}.
 *
 * <p>Its configuration file is polled every {@value #RELOAD_MS} ms; a changed, valid file replaces
 * the split at once (in-flight requests finish on the old one), an invalid one is logged, counted
 * ({@code sluice_router_config_reload_failures_total}) and ignored.
 */
public final class ModelRouterStage implements Stage {
  private static final Logger LOG = LoggerFactory.getLogger(ModelRouterStage.class);
  static final long RELOAD_MS = 1000;

  private final StageContext context;
  private final AtomicReference<RouteTable> table = new AtomicReference<>();
  private HttpClient primary;
  private HttpClient mirror;
  private long timer = -1;

  public ModelRouterStage(StageContext context) {
    this.context = context;
    table.set(new RouteTable(context.config().modelStage().router()));
  }

  @Override
  public void start() {
    ModelRouterConfig config = table.get().config();
    var vertx = context.vertx();
    primary =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(256).setMaxWaitQueueSize(4096));
    int shadowPool = config.shadow() == null ? 64 : config.shadow().maxInFlight();
    mirror =
        vertx.createHttpClient(
            new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(shadowPool));
    RouterMetrics metrics = new RouterMetrics(context.registry(), config.model());
    ProxyHandler proxy =
        new ProxyHandler(
            table::get,
            new Forwarder(primary),
            new ShadowMirror(new Forwarder(mirror), metrics, vertx.getOrCreateContext()),
            metrics);
    var router = context.router();
    router.get("/v2/health/live").handler(ctx -> ctx.json(new JsonObject().put("live", true)));
    router.get("/v2/health/ready").handler(ctx -> ctx.json(new JsonObject().put("ready", true)));
    router.get("/router/stats").handler(ctx -> ctx.json(stats(metrics)));
    BodyHandler body = BodyHandler.create(false).setBodyLimit(config.maxRequestBytes());
    for (String base : new String[] {"/v2/models/:model", "/v2/models/:model/versions/:version"}) {
      router.get(base).handler(proxy::handle);
      router.get(base + "/ready").handler(proxy::handle);
      router
          .post(base + "/infer")
          .handler(body)
          .handler(proxy::handle)
          .failureHandler(
              ctx -> {
                int status = ctx.statusCode() == 413 ? 413 : 500;
                ProxyHandler.error(
                    ctx,
                    status,
                    status == 413
                        ? "request body is larger than the router's limit of "
                            + config.maxRequestBytes()
                            + " bytes"
                        : "internal error: " + ctx.failure());
              });
    }
    java.util.Optional.ofNullable(context.config().modelStageFile()).ifPresent(this::watch);
  }

  private void watch(Path file) {
    PolledFile polled = new PolledFile(file);
    polled.changed(); // the file as read at start-up is the baseline
    timer =
        context
            .vertx()
            .setPeriodic(
                RELOAD_MS,
                t -> {
                  if (!polled.changed()) {
                    return;
                  }
                  try {
                    ModelStageConfig next = ModelStageConfigs.read(file, StageName.MODEL_ROUTER);
                    table.set(new RouteTable(next.router()));
                    LOG.info(
                        "router configuration reloaded: candidate weight {}%, shadow {}",
                        next.router().candidateWeight(), next.router().shadow() != null);
                  } catch (ConfigException e) {
                    context.registry().counter("sluice_router_config_reload_failures").increment();
                    LOG.error(
                        "router configuration not reloaded, keeping the previous one: {}",
                        e.getMessage());
                  }
                });
  }

  /**
   * {@link RouterMetrics#stats()} and the split in force: {@code "split": {"stable", "candidate",
   * "candidateWeight", "mirrorPercent"}} (candidate null and 0 without one), so a caller can tell
   * when a rewritten configuration file took effect.
   */
  private JsonObject stats(RouterMetrics metrics) {
    ModelRouterConfig config = table.get().config();
    return metrics
        .stats()
        .put(
            "split",
            new JsonObject()
                .put("stable", config.stable().version())
                .put("candidate", config.candidate() == null ? null : config.candidate().version())
                .put("candidateWeight", config.candidateWeight())
                .put(
                    "mirrorPercent",
                    config.shadow() == null ? 0 : config.shadow().mirrorPercent()));
  }

  /** The split in force (tests and logs). */
  ModelRouterConfig current() {
    return table.get().config();
  }

  @Override
  public boolean isReady() {
    return primary != null;
  }

  @Override
  public void close() {
    if (timer >= 0) {
      context.vertx().cancelTimer(timer);
    }
    if (primary != null) {
      primary.close();
      mirror.close();
    }
  }
}
