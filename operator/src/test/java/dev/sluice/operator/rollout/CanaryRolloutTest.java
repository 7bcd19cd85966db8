package dev.sluice.operator.rollout;

import static dev.sluice.operator.rollout.ReleaseDriver.step;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.CanaryStep;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanaryRolloutTest {

  /** Version 1 stable, the spec asking for 2 with these steps and a 30 s analysis interval. */
  private static ReleaseDriver releasing(CanaryStep... steps) {
    ReleaseDriver d = new ReleaseDriver(ReleaseDriver.spec(ReleaseStrategy.Canary, "1"));
    d.spec.getRelease().getCanary().setSteps(List.of(steps));
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setInterval("30s");
    d.spec.setAnalysis(analysis);
    d.deployed("1");
    d.want("2");
    return d;
  }

  @Test
  void aHealthyCandidateIsPromotedStepByStep() {
    ReleaseDriver d = releasing(step(10, "1m", true), step(50, "2m", true));
    d.analyzer.answer(Verdicts.PASS, Verdicts.PASS);

    RolloutDecision starting = d.reconcile();
    assertThat(starting.state().step()).isEqualTo("StartCandidate");
    assertThat(starting.plan().replicas()).isEqualTo(Map.of("1", 2, "2", 2));
    assertThat(starting.plan().traffic()).isEqualTo(new TrafficSplit("1", "2", 0, 0));

    d.advance(Duration.ofSeconds(5));
    assertThat(d.reconcile().state().step()).isEqualTo("StartCandidate");

    d.ready("2");
    RolloutDecision first = d.reconcile();
    assertThat(first.state().step()).isEqualTo("CanaryStep");
    assertThat(first.state().stepIndex()).isZero();
    assertThat(first.state().candidateWeight()).isEqualTo(10);
    assertThat(first.plan().traffic()).isEqualTo(new TrafficSplit("1", "2", 10, 0));
    assertThat(first.requeueAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(first.events())
        .singleElement()
        .satisfies(e -> assertThat(e.message()).contains("step 1/2: 10% of requests to version 2"));
    assertThat(d.analyzer.windowStarts).containsExactly(d.now);
    var step1Since = d.now;

    d.advance(Duration.ofSeconds(20)); // an early reconcile changes nothing
    assertThat(d.reconcile().requeueAfter()).isEqualTo(Duration.ofSeconds(40));
    assertThat(d.analyzer.calls).isEmpty();

    d.advance(Duration.ofSeconds(40));
    RolloutDecision second = d.reconcile();
    assertThat(d.analyzer.calls)
        .singleElement()
        .isEqualTo(new FakeAnalyzer.Call("2", step1Since, d.now));
    assertThat(second.state().stepIndex()).isEqualTo(1);
    assertThat(second.state().candidateWeight()).isEqualTo(50);
    assertThat(second.state().stepSince()).isEqualTo(d.now);
    assertThat(second.plan().traffic()).isEqualTo(new TrafficSplit("1", "2", 50, 0));
    assertThat(second.requeueAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(second.events())
        .extracting(RolloutEvent::reason)
        .containsExactly("CanaryStepAdvanced");

    d.advance(Duration.ofMinutes(2));
    RolloutDecision promoted = d.reconcile();
    assertThat(promoted.state().step()).isEqualTo("ScaleDownPrevious");
    assertThat(promoted.plan().traffic()).isEqualTo(new TrafficSplit("1", "2", 100, 0));
    assertThat(promoted.plan().replicas()).isEqualTo(Map.of("1", 2, "2", 2));
    assertThat(promoted.requeueAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(promoted.events().getFirst().message()).contains("the last canary step passed");

    d.advance(Duration.ofSeconds(30));
    RolloutDecision done = d.reconcile();
    assertThat(done.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(done.state().stableVersion()).isEqualTo("2");
    assertThat(done.plan().replicas()).isEqualTo(Map.of("2", 2));
    assertThat(done.plan().traffic()).isEqualTo(TrafficSplit.allTo("2"));
    assertThat(d.reasons())
        .containsSubsequence(
            "ReleaseStarted",
            "CanaryStepAdvanced",
            "CanaryStepAdvanced",
            "Promoted",
            "ReleaseCompleted");
  }

  @Test
  void aFailingAnalysisAbortsWithWeightZeroAndTheCandidateScaledDown() {
    ReleaseDriver d = releasing(step(10, "1m", true), step(50, "1m", true));
    d.analyzer.answer(Verdicts.PASS, Verdicts.FAIL);
    d.reconcile();
    d.ready("2");
    d.reconcile();
    d.advance(Duration.ofMinutes(1));
    d.reconcile();
    d.advance(Duration.ofMinutes(1));

    RolloutDecision aborted = d.reconcile();

    assertThat(aborted.state().phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(aborted.state().candidateWeight()).isZero();
    assertThat(aborted.state().rolledBackVersion()).isEqualTo("2");
    assertThat(aborted.state().lastAnalysis().getVerdict()).isEqualTo("Fail");
    assertThat(aborted.plan().traffic()).isEqualTo(TrafficSplit.allTo("1"));
    assertThat(aborted.plan().replicas()).isEqualTo(Map.of("1", 2, "2", 0));
    assertThat(aborted.events())
        .extracting(RolloutEvent::reason)
        .containsExactly("AnalysisFailed", "Aborted", "RolledBack");
    assertThat(aborted.events()).allMatch(RolloutEvent::warning);
    assertThat(aborted.events().getFirst().message()).contains("step 2").contains("maxErrorRate");
  }

  @Test
  void anInconclusiveAnalysisKeepsTheStepAndAsksAgainEveryInterval() {
    ReleaseDriver d = releasing(step(10, "1m", true), step(50, "1m", true));
    d.analyzer.answer(Verdicts.INCONCLUSIVE, Verdicts.INCONCLUSIVE, Verdicts.PASS);
    d.reconcile();
    d.ready("2");
    d.reconcile();
    var since = d.now;

    d.advance(Duration.ofMinutes(1));
    RolloutDecision first = d.reconcile();
    assertThat(first.state().stepIndex()).isZero();
    assertThat(first.state().lastAnalysis().getVerdict()).isEqualTo("Inconclusive");
    assertThat(first.requeueAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(first.plan().traffic().candidateWeight()).isEqualTo(10);

    d.advance(Duration.ofSeconds(30));
    assertThat(d.reconcile().state().stepIndex()).isZero();
    d.advance(Duration.ofSeconds(30));
    assertThat(d.reconcile().state().stepIndex()).isEqualTo(1);
    // Every analysis of the step covered it from its start: the window grows.
    assertThat(d.analyzer.calls).extracting(FakeAnalyzer.Call::since).containsOnly(since);
    assertThat(d.analyzer.calls).hasSize(3);
  }

  @Test
  void theNextStepIsJudgedWhenItsPauseEndsEvenWithALongerInterval() {
    ReleaseDriver d = releasing(step(10, "1m", true), step(50, "1m", true));
    d.spec.getAnalysis().setInterval("5m");
    d.analyzer.answer(Verdicts.PASS, Verdicts.PASS);
    d.reconcile();
    d.ready("2");
    d.reconcile();
    d.advance(Duration.ofMinutes(1));
    RolloutDecision second = d.reconcile();
    assertThat(second.state().stepIndex()).isEqualTo(1);
    assertThat(second.requeueAfter()).isEqualTo(Duration.ofMinutes(1));

    d.advance(Duration.ofMinutes(1));

    assertThat(d.reconcile().state().step()).isEqualTo("ScaleDownPrevious");
    assertThat(d.analyzer.calls).hasSize(2);
  }

  @Test
  void stepsWithoutAnalysisAdvanceWhenTheirPauseEnds() {
    ReleaseDriver d = releasing(step(25, "10s", false), step(75, "10s", false));
    d.reconcile();
    d.ready("2");
    d.reconcile();

    d.advance(Duration.ofSeconds(10));
    assertThat(d.reconcile().state().candidateWeight()).isEqualTo(75);
    d.advance(Duration.ofSeconds(10));
    assertThat(d.reconcile().state().step()).isEqualTo("ScaleDownPrevious");
    assertThat(d.analyzer.calls).isEmpty();
    assertThat(d.analyzer.windowStarts).isEmpty();
  }

  @Test
  void noAnalysisSpecMeansNoAnalysisEvenWhereStepsAskForIt() {
    ReleaseDriver d = releasing(step(25, "10s", true));
    d.spec.setAnalysis(null);
    d.reconcile();
    d.ready("2");
    d.reconcile();
    d.advance(Duration.ofSeconds(10));

    assertThat(d.reconcile().state().step()).isEqualTo("ScaleDownPrevious");
    assertThat(d.analyzer.calls).isEmpty();
  }

  @Test
  void aStepWithoutPauseHoldsUntilManualPromotionWhichSkipsTheRest() {
    ReleaseDriver d = releasing(step(10, null, true), step(50, "1m", true));
    d.reconcile();
    d.ready("2");
    RolloutDecision held = d.reconcile();
    assertThat(held.requeueAfter()).isNull();

    d.advance(Duration.ofDays(1));
    assertThat(d.reconcile().state().stepIndex()).isZero();
    assertThat(d.analyzer.calls).isEmpty();

    d.commands = new ManualCommands(true, false, false);
    RolloutDecision promoted = d.reconcile();
    assertThat(promoted.state().step()).isEqualTo("ScaleDownPrevious");
    assertThat(promoted.plan().traffic().candidateWeight()).isEqualTo(100);
    assertThat(promoted.events().getFirst().message()).contains("sluice.dev/promote");

    // The annotation is still there until the reconciler removes it: the promotion finishes.
    RolloutDecision completed = d.reconcile();
    assertThat(completed.state().stableVersion()).isEqualTo("2");
  }

  @Test
  void pauseHoldsTheWeightPastTheStepsEnd() {
    ReleaseDriver d = releasing(step(10, "1m", true), step(50, "1m", true));
    d.analyzer.answer(Verdicts.PASS);
    d.reconcile();
    d.ready("2");
    d.reconcile();
    d.commands = new ManualCommands(false, false, true);
    d.advance(Duration.ofMinutes(5));

    RolloutDecision paused = d.reconcile();

    assertThat(paused.state().phase()).isEqualTo(RolloutPhase.Paused);
    assertThat(paused.plan().traffic().candidateWeight()).isEqualTo(10);
    assertThat(d.analyzer.calls).isEmpty();
  }
}
