package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.AnalysisResult;
import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.Durations;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.RolloutPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One reconcile's view of a release, shared by the state handlers: the observation, the state being
 * worked on (which the common rules may have moved, e.g. on resume), the replica count of a serving
 * version, and the events recorded so far in this decision.
 */
final class ReleaseContext {
  /** How often a state that waits for pods to become ready or go away looks again. */
  static final Duration READINESS_POLL = Duration.ofSeconds(5);

  private final RolloutObservation observation;
  private final RolloutState state;
  private final List<RolloutEvent> events;

  ReleaseContext(RolloutObservation observation) {
    this(observation, normalised(observation.state()), new ArrayList<>());
  }

  private ReleaseContext(
      RolloutObservation observation, RolloutState state, List<RolloutEvent> events) {
    this.observation = observation;
    this.state = state;
    this.events = events;
  }

  /** The same reconcile working on another state (events carry over). */
  ReleaseContext with(RolloutState next) {
    return new ReleaseContext(observation, next, events);
  }

  RolloutState state() {
    return state;
  }

  ModelDeploymentSpec spec() {
    return observation.spec();
  }

  Instant now() {
    return observation.now();
  }

  ManualCommands commands() {
    return observation.commands() == null ? ManualCommands.NONE : observation.commands();
  }

  String desired() {
    return observation.desiredVersion();
  }

  String stable() {
    return state.stableVersion();
  }

  String candidate() {
    return state.candidateVersion();
  }

  /**
   * Replicas of a serving version: {@code autoscaling.minReplicas} with autoscaling (the HPA scales
   * up from there), else {@code replicas}.
   */
  int replicas() {
    ModelDeploymentSpec spec = spec();
    if (spec.getAutoscaling() != null && spec.getAutoscaling().getMinReplicas() != null) {
      return spec.getAutoscaling().getMinReplicas();
    }
    return spec.getReplicas() == null ? 1 : spec.getReplicas();
  }

  /** Whether {@code version} has at least {@link #replicas()} ready pods. */
  boolean ready(String version) {
    return observation.workload(version).readyReplicas() >= replicas();
  }

  /** Whether no pod of {@code version} exists any more. */
  boolean gone(String version) {
    return observation.workload(version).replicas() == 0;
  }

  WorkloadStatus workload(String version) {
    return observation.workload(version);
  }

  /** Time spent in the current step; zero when the state has no {@code stepSince}. */
  Duration inStep() {
    if (state.stepSince() == null || state.stepSince().isAfter(now())) {
      return Duration.ZERO;
    }
    return Duration.between(state.stepSince(), now());
  }

  /** What is left of {@code length} counted from the step's start; zero once it has passed. */
  Duration remaining(Duration length) {
    Duration left = length.minus(inStep());
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The analysis settings, or null when the ModelDeployment has none. */
  AnalysisSpec analysis() {
    return spec().getAnalysis();
  }

  /** Interval of the given analysis settings ({@code 1m} when unset). */
  static Duration interval(AnalysisSpec analysis) {
    return analysis.getInterval() == null
        ? Duration.ofMinutes(1)
        : Durations.parse(analysis.getInterval());
  }

  /** Lets the analyzer take the baseline of a window starting now (see {@link Analyzer}). */
  void startAnalysisWindow() {
    if (observation.analyzer() != null) {
      observation.analyzer().startWindow(candidate(), now());
    }
  }

  /** Asks the analyzer about the candidate over the current step ({@code stepSince} → now). */
  AnalysisResult analyze() {
    if (observation.analyzer() == null) {
      AnalysisResult none = new AnalysisResult();
      none.setTime(now().toString());
      none.setVerdict(Verdicts.INCONCLUSIVE);
      none.setMessage("no analyzer is configured for this ModelDeployment");
      return none;
    }
    Instant since = state.stepSince() == null ? now() : state.stepSince();
    AnalysisResult result = observation.analyzer().analyze(candidate(), since, now());
    if (result.getTime() == null) {
      result.setTime(now().toString()); // the analysis schedule counts from it
    }
    return result;
  }

  void event(boolean warning, String reason, String message) {
    events.add(new RolloutEvent(warning, reason, message));
  }

  /** A decision for {@code next} in this reconcile, with the events recorded so far. */
  RolloutDecision decide(RolloutState next, ServingPlan plan, Duration requeueAfter) {
    return new RolloutDecision(next, plan, requeueAfter, List.copyOf(events));
  }

  /** Stays in the current state (same step and clock), e.g. while waiting. */
  RolloutDecision stay(ServingPlan plan, Duration requeueAfter) {
    return decide(state, plan, requeueAfter);
  }

  /** {@code replicas()} pods for each version, in order. */
  Map<String, Integer> serving(String... versions) {
    Map<String, Integer> replicas = new LinkedHashMap<>();
    for (String v : versions) {
      replicas.put(v, replicas());
    }
    return replicas;
  }

  /** A Progressing state of the same release entering {@code step} now. */
  RolloutState enter(String step, Integer stepIndex, int candidateWeight) {
    return new RolloutState(
        RolloutPhase.Progressing,
        stable(),
        candidate(),
        null,
        step,
        stepIndex,
        candidateWeight,
        now(),
        state.lastAnalysis());
  }

  /**
   * A state with no release in progress: {@code stable} serves alone, {@code step} begins now, the
   * last analysis is kept.
   */
  RolloutState settled(RolloutPhase phase, String stable, String step) {
    return new RolloutState(phase, stable, null, null, step, null, 0, now(), state.lastAnalysis());
  }

  /** The same state with another last analysis result. */
  RolloutState withAnalysis(AnalysisResult result) {
    return new RolloutState(
        state.phase(),
        stable(),
        candidate(),
        state.rolledBackVersion(),
        state.step(),
        state.stepIndex(),
        state.candidateWeight(),
        state.stepSince(),
        result);
  }

  /** The state before the first reconcile is {@link RolloutState#INITIAL}, never null. */
  private static RolloutState normalised(RolloutState state) {
    return state == null ? RolloutState.INITIAL : state;
  }
}
