package dev.sluice.operator.rollout;

import static dev.sluice.operator.rollout.ReleaseDriver.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.Autoscaling;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules every strategy shares ({@link ReleaseStateMachine}), shown on Canary and BlueGreen. */
class ReleaseRulesTest {

  private static ReleaseDriver canary() {
    ModelDeploymentSpec spec = ReleaseDriver.spec(ReleaseStrategy.Canary, "1");
    spec.getRelease().getCanary().setSteps(List.of(step(20, "1m", true), step(60, "1m", true)));
    spec.setAnalysis(new AnalysisSpec());
    return new ReleaseDriver(spec);
  }

  @Test
  void firstDeployRunsTheDesiredVersionAndIsHealthyOnceReady() {
    ReleaseDriver d = canary();

    RolloutDecision waiting = d.reconcile();
    assertThat(waiting.state().phase()).isEqualTo(RolloutPhase.Progressing);
    assertThat(waiting.state().step()).isEqualTo("FirstDeploy");
    assertThat(waiting.state().stableVersion()).isNull();
    assertThat(waiting.state().candidateVersion()).isEqualTo("1");
    assertThat(waiting.plan().replicas()).isEqualTo(Map.of("1", 2));
    assertThat(waiting.plan().traffic()).isEqualTo(TrafficSplit.allTo("1"));
    assertThat(waiting.requeueAfter()).isEqualTo(Duration.ofSeconds(5));

    d.advance(Duration.ofSeconds(5));
    assertThat(d.reconcile().state().stepSince()).isEqualTo(ReleaseDriver.T0);

    d.ready("1");
    RolloutDecision healthy = d.reconcile();
    assertThat(healthy.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(healthy.state().stableVersion()).isEqualTo("1");
    assertThat(healthy.state().candidateVersion()).isNull();
    assertThat(healthy.requeueAfter()).isNull();
    assertThat(healthy.events()).extracting(RolloutEvent::reason).containsExactly("Deployed");
    assertThat(d.analyzer.calls).isEmpty();
  }

  @Test
  void aSpecChangeDuringTheFirstDeployRunsTheNewVersionInstead() {
    ReleaseDriver d = canary();
    d.reconcile();
    d.want("2");
    d.advance(Duration.ofSeconds(5));

    RolloutDecision next = d.reconcile();

    assertThat(next.state().candidateVersion()).isEqualTo("2");
    assertThat(next.state().stepSince()).isEqualTo(d.now);
    assertThat(next.plan().replicas()).isEqualTo(Map.of("2", 2));
  }

  @Test
  void nothingToDoIsHealthyWithoutRequeueOrEvents() {
    ReleaseDriver d = canary().deployed("1");
    d.advance(Duration.ofMinutes(10));

    RolloutDecision again = d.reconcile();

    assertThat(again.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(again.requeueAfter()).isNull();
    assertThat(again.events()).isEmpty();
    assertThat(again.plan().replicas()).isEqualTo(Map.of("1", 2));
    assertThat(again.plan().inPlace()).isFalse();
  }

  @Test
  void replicasAreTheAutoscalingMinimumWhenAutoscaling() {
    ReleaseDriver d = canary();
    Autoscaling autoscaling = new Autoscaling();
    autoscaling.setMinReplicas(3);
    autoscaling.setMaxReplicas(9);
    d.spec.setAutoscaling(autoscaling);

    assertThat(d.reconcile().plan().replicas()).isEqualTo(Map.of("1", 3));
  }

  @Test
  void theSpecNamingTheStableVersionAgainCancelsTheRelease() {
    ReleaseDriver d = canary().deployed("1");
    d.want("2");
    d.reconcile();
    d.ready("2");
    d.reconcile();
    assertThat(d.state.candidateWeight()).isEqualTo(20);

    d.want("1");
    RolloutDecision cancelled = d.reconcile();

    assertThat(cancelled.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(cancelled.state().stableVersion()).isEqualTo("1");
    assertThat(cancelled.state().candidateVersion()).isNull();
    assertThat(cancelled.state().rolledBackVersion()).isNull();
    assertThat(cancelled.plan().replicas()).isEqualTo(Map.of("1", 2));
    assertThat(cancelled.plan().traffic()).isEqualTo(TrafficSplit.allTo("1"));
    assertThat(cancelled.events()).extracting(RolloutEvent::reason).contains("ReleaseCancelled");
  }

  @Test
  void aThirdVersionReplacesTheCandidate() {
    ReleaseDriver d = canary().deployed("1");
    d.want("2");
    d.reconcile();
    d.ready("2");
    d.reconcile();

    d.want("3");
    d.advance(Duration.ofSeconds(20));
    RolloutDecision replaced = d.reconcile();

    assertThat(replaced.state().stableVersion()).isEqualTo("1");
    assertThat(replaced.state().candidateVersion()).isEqualTo("3");
    assertThat(replaced.state().step()).isEqualTo("StartCandidate");
    assertThat(replaced.state().stepSince()).isEqualTo(d.now);
    assertThat(replaced.plan().replicas()).isEqualTo(Map.of("1", 2, "3", 2));
    assertThat(replaced.plan().traffic()).isEqualTo(new TrafficSplit("1", "3", 0, 0));
    assertThat(replaced.events())
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).isEqualTo("CandidateReplaced"));
  }

  @Test
  void abortRollsBackAndStaysRolledBackUntilTheSpecNamesAnotherVersion() {
    ReleaseDriver d = canary().deployed("1");
    d.want("2");
    d.reconcile();
    d.ready("2");
    d.reconcile();

    d.commands = new ManualCommands(false, true, false);
    RolloutDecision aborted = d.reconcile();
    assertThat(aborted.state().phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(aborted.state().stableVersion()).isEqualTo("1");
    assertThat(aborted.state().candidateVersion()).isNull();
    assertThat(aborted.state().rolledBackVersion()).isEqualTo("2");
    assertThat(aborted.state().candidateWeight()).isZero();
    assertThat(aborted.plan().replicas()).isEqualTo(Map.of("1", 2, "2", 0));
    assertThat(aborted.plan().traffic()).isEqualTo(TrafficSplit.allTo("1"));
    assertThat(aborted.events()).allMatch(RolloutEvent::warning);
    assertThat(aborted.events())
        .extracting(RolloutEvent::reason)
        .containsExactly("Aborted", "RolledBack");
    assertThat(aborted.requeueAfter()).isNull();

    // The reconciler removed the annotation; the spec still names 2.
    d.commands = ManualCommands.NONE;
    d.advance(Duration.ofMinutes(5));
    RolloutDecision still = d.reconcile();
    assertThat(still.state().phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(still.plan().traffic()).isEqualTo(TrafficSplit.allTo("1"));
    assertThat(still.events()).isEmpty();

    d.want("3");
    RolloutDecision next = d.reconcile();
    assertThat(next.state().phase()).isEqualTo(RolloutPhase.Progressing);
    assertThat(next.state().candidateVersion()).isEqualTo("3");
    assertThat(next.state().rolledBackVersion()).isNull();
  }

  @Test
  void afterARollbackTheSpecNamingStableIsHealthy() {
    ReleaseDriver d = canary().deployed("1");
    d.want("2");
    d.reconcile();
    d.commands = new ManualCommands(false, true, false);
    d.reconcile();
    d.commands = ManualCommands.NONE;

    d.want("1");
    RolloutDecision healthy = d.reconcile();

    assertThat(healthy.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(healthy.state().rolledBackVersion()).isNull();
    assertThat(healthy.plan().replicas()).isEqualTo(Map.of("1", 2));
  }

  @Test
  void pauseHoldsTheStepAndResumeRestartsItsClock() {
    ReleaseDriver d = canary().deployed("1");
    d.want("2");
    d.reconcile();
    d.ready("2");
    d.reconcile(); // step 1, 20 %
    d.advance(Duration.ofSeconds(30));

    d.commands = new ManualCommands(false, false, true);
    RolloutDecision paused = d.reconcile();
    assertThat(paused.state().phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(paused.plan().traffic()).isEqualTo(new TrafficSplit("1", "2", 20, 0));
    assertThat(paused.requeueAfter()).isNull();
    assertThat(paused.events()).extracting(RolloutEvent::reason).containsExactly("Paused");

    d.analyzer.answer(Verdicts.PASS, Verdicts.PASS);
    d.advance(Duration.ofMinutes(10));
    d.commands = new ManualCommands(true, false, true); // promote does not beat pause
    RolloutDecision held = d.reconcile();
    assertThat(held.state()).isEqualTo(paused.state());
    assertThat(held.events()).isEmpty();
    assertThat(d.analyzer.calls).isEmpty();

    d.commands = ManualCommands.NONE;
    RolloutDecision resumed = d.reconcile();
    assertThat(resumed.state().phase()).isEqualTo(RolloutPhase.Progressing);
    assertThat(resumed.state().stepIndex()).isZero();
    assertThat(resumed.state().stepSince()).isEqualTo(d.now);
    assertThat(resumed.requeueAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(resumed.events()).extracting(RolloutEvent::reason).containsExactly("Resumed");
    assertThat(d.analyzer.windowStarts).last().isEqualTo(d.now);
  }

  @Test
  void abortWorksWhilePaused() {
    ReleaseDriver d = canary().deployed("1");
    d.want("2");
    d.reconcile();
    d.commands = new ManualCommands(false, false, true);
    d.reconcile();

    d.commands = new ManualCommands(false, true, true);
    assertThat(d.reconcile().state().phase()).isEqualTo(RolloutPhase.RolledBack);
  }

  @Test
  void theStableVersionWithoutReadyPodsForAMinuteIsDegradedUntilItRecovers() {
    ReleaseDriver d = canary().deployed("1");

    d.notReady("1");
    RolloutDecision noticed = d.reconcile();
    assertThat(noticed.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(noticed.state().step()).isEqualTo("StableUnavailable");
    assertThat(noticed.requeueAfter()).isEqualTo(Duration.ofSeconds(60));

    d.advance(Duration.ofSeconds(40));
    assertThat(d.reconcile().requeueAfter()).isEqualTo(Duration.ofSeconds(20));

    d.advance(Duration.ofSeconds(20));
    RolloutDecision degraded = d.reconcile();
    assertThat(degraded.state().phase()).isEqualTo(RolloutPhase.Degraded);
    assertThat(degraded.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.warning()).isTrue();
              assertThat(e.reason()).isEqualTo("Degraded");
              assertThat(e.message()).contains("version 1").contains("60s");
            });
    assertThat(degraded.plan().replicas()).isEqualTo(Map.of("1", 2));

    d.advance(Duration.ofSeconds(30));
    assertThat(d.reconcile().events()).isEmpty();

    d.ready("1");
    RolloutDecision recovered = d.reconcile();
    assertThat(recovered.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(recovered.requeueAfter()).isNull();
    assertThat(recovered.events()).extracting(RolloutEvent::reason).containsExactly("Recovered");
  }

  @Test
  void aPodBackBeforeTheMinuteIsNeverDegraded() {
    ReleaseDriver d = canary().deployed("1");
    d.notReady("1");
    d.reconcile();
    d.advance(Duration.ofSeconds(30));
    d.ready("1");

    RolloutDecision back = d.reconcile();

    assertThat(back.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(back.state().step()).isEqualTo("Stable");
    assertThat(d.reasons()).doesNotContain("Degraded", "Recovered");
  }

  @Test
  void strategiesAreChosenBySpecAndAMissingCanaryIsNamed() {
    for (ReleaseStrategy s : ReleaseStrategy.values()) {
      ModelDeploymentSpec spec = ReleaseDriver.spec(s, "1");
      if (s == ReleaseStrategy.Canary) {
        spec.getRelease().getCanary().setSteps(List.of(step(10, "1m", true)));
      }
      assertThat(RolloutStrategies.forSpec(spec).getClass().getSimpleName())
          .isEqualTo(s.name() + "Rollout");
    }
    ModelDeploymentSpec noSteps = ReleaseDriver.spec(ReleaseStrategy.Canary, "1");
    assertThatThrownBy(() -> RolloutStrategies.forSpec(noSteps))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.release.canary.steps");
    noSteps.setRelease(null);
    assertThatThrownBy(() -> RolloutStrategies.forSpec(noSteps))
        .hasMessageContaining("spec.release.strategy");
  }
}
