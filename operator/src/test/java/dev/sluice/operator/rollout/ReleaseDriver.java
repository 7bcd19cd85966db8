package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.BlueGreenSpec;
import dev.sluice.api.v1alpha1.CanarySpec;
import dev.sluice.api.v1alpha1.CanaryStep;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ModelSpec;
import dev.sluice.api.v1alpha1.ReleaseSpec;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.ShadowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a strategy the way the reconciler does, with a fixed clock moved by hand: each {@link
 * #reconcile()} feeds the persisted state back in; tests set what Kubernetes reports ({@link
 * #ready}, {@link #gone}) and the manual commands.
 */
final class ReleaseDriver {
  static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");

  final ModelDeploymentSpec spec;
  final FakeAnalyzer analyzer = new FakeAnalyzer();
  final Map<String, WorkloadStatus> workloads = new HashMap<>();
  final List<RolloutEvent> events = new ArrayList<>();
  RolloutState state = RolloutState.INITIAL;
  ManualCommands commands = ManualCommands.NONE;
  Instant now = T0;
  RolloutDecision last;

  ReleaseDriver(ModelDeploymentSpec spec) {
    this.spec = spec;
  }

  /**
   * A spec of model flight-delay at {@code version}, 2 replicas, released with {@code strategy}.
   */
  static ModelDeploymentSpec spec(ReleaseStrategy strategy, String version) {
    ModelSpec model = new ModelSpec();
    model.setName("flight-delay");
    model.setVersion(version);
    ReleaseSpec release = new ReleaseSpec();
    release.setStrategy(strategy);
    switch (strategy) {
      case BlueGreen -> release.setBlueGreen(new BlueGreenSpec());
      case Shadow -> release.setShadow(new ShadowSpec());
      case Canary -> release.setCanary(new CanarySpec());
      default -> {}
    }
    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setModel(model);
    spec.setReplicas(2);
    spec.setRelease(release);
    return spec;
  }

  static CanaryStep step(int weight, String pause, boolean analysis) {
    CanaryStep step = new CanaryStep();
    step.setWeight(weight);
    step.setPause(pause);
    step.setAnalysis(analysis);
    return step;
  }

  /** One reconcile: the strategy's decision, whose state is persisted for the next one. */
  RolloutDecision reconcile() {
    last =
        RolloutStrategies.forSpec(spec)
            .next(
                new RolloutObservation(
                    spec, state, Map.copyOf(workloads), commands, analyzer, now));
    state = last.state();
    events.addAll(last.events());
    return last;
  }

  /** {@code version} is deployed and healthy, the stable version of a first deploy done. */
  ReleaseDriver deployed(String version) {
    spec.getModel().setVersion(version);
    ready(version);
    reconcile();
    return this;
  }

  /** The spec now asks for {@code version}. */
  void want(String version) {
    spec.getModel().setVersion(version);
  }

  void ready(String version) {
    int n = spec.getReplicas();
    workloads.put(version, new WorkloadStatus(n, n, n));
  }

  void notReady(String version) {
    workloads.put(version, new WorkloadStatus(spec.getReplicas(), 0, spec.getReplicas()));
  }

  void gone(String version) {
    workloads.remove(version);
  }

  void advance(Duration d) {
    now = now.plus(d);
  }

  List<String> reasons() {
    return events.stream().map(RolloutEvent::reason).toList();
  }
}
