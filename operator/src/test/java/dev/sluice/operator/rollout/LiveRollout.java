package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.operator.analysis.RolloutAnalysis;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the reconciler does, minus Kubernetes: on one thread, runs the real state machine of the
 * spec with the real {@link dev.sluice.operator.analysis.RouterAnalyzer} reading the router,
 * applies each decision's split by rewriting the router's configuration file ({@link
 * RouterConfigs}), and comes back after the decision's {@code requeueAfter} (at least every second,
 * as watch events would). Kubernetes' view of the model servers is their readiness endpoint: a
 * version the plan runs with replicas > 0 and whose server answers ready has 1 ready pod. Promote
 * and abort are consumed once acted on, as the reconciler removes the annotations.
 */
final class LiveRollout implements AutoCloseable {
  private static final Duration WAKE_UP = Duration.ofSeconds(1);
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();

  private final ModelDeploymentSpec spec;
  private final StageProcess router;
  private final Map<String, String> urls;
  private final RolloutAnalysis analysis = new RolloutAnalysis();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
  final List<RolloutEvent> events = new CopyOnWriteArrayList<>();
  private volatile RolloutState state = RolloutState.INITIAL;
  private volatile Throwable failure;
  private ManualCommands commands = ManualCommands.NONE;
  private ServingPlan plan;
  private String routerYaml;

  /**
   * @param urls base URL of each version's model server
   */
  LiveRollout(ModelDeploymentSpec spec, StageProcess router, Map<String, String> urls) {
    this.spec = spec;
    this.router = router;
    this.urls = urls;
    loop.execute(this::reconcile);
  }

  /** The persisted state; fails the caller when a reconcile threw. */
  RolloutState state() {
    if (failure != null) {
      throw new AssertionError("a reconcile failed", failure);
    }
    return state;
  }

  /** The spec now asks for {@code version} (a user's {@code kubectl apply}). */
  void want(String version) {
    loop.execute(
        () -> {
          spec.getModel().setVersion(version);
          reconcile();
        });
  }

  /** The {@code sluice.dev/promote} annotation. */
  void promote() {
    loop.execute(
        () -> {
          commands = new ManualCommands(true, false, commands.paused());
          reconcile();
        });
  }

  private void reconcile() {
    try {
      RolloutObservation observation =
          new RolloutObservation(
              spec,
              state,
              workloads(),
              commands,
              analysis.analyzer(spec, () -> List.of(router.url())),
              Instant.now());
      RolloutDecision decision = RolloutStrategies.forSpec(spec).next(observation);
      state = decision.state();
      events.addAll(decision.events());
      commands = new ManualCommands(false, false, commands.paused());
      plan = decision.plan();
      String yaml =
          RouterConfigs.yaml(
              RouterConfigs.render(
                  "flight-delay",
                  "flight-delay",
                  plan.traffic(),
                  urls,
                  spec.getRelease().getShadow()));
      if (!yaml.equals(routerYaml)) {
        router.rewriteConfig(yaml);
        routerYaml = yaml;
      }
      Duration after = decision.requeueAfter();
      after = after == null || after.compareTo(WAKE_UP) > 0 ? WAKE_UP : after;
      loop.schedule(this::reconcile, after.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Throwable e) {
      failure = e;
    }
  }

  private Map<String, WorkloadStatus> workloads() {
    Map<String, WorkloadStatus> workloads = new HashMap<>();
    if (plan == null) {
      workloads.put(spec.getModel().getVersion(), status(spec.getModel().getVersion()));
      return workloads;
    }
    plan.replicas()
        .forEach(
            (version, replicas) ->
                workloads.put(
                    version, replicas == 0 ? new WorkloadStatus(0, 0, 0) : status(version)));
    return workloads;
  }

  private WorkloadStatus status(String version) {
    try {
      int code =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(urls.get(version) + "/v2/health/ready"))
                      .timeout(Duration.ofSeconds(2))
                      .build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode();
      return code == 200 ? new WorkloadStatus(1, 1, 1) : new WorkloadStatus(1, 0, 1);
    } catch (Exception e) {
      return new WorkloadStatus(1, 0, 1);
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
    try {
      loop.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
