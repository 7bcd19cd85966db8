package dev.sluice.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShadowRolloutTest {

  /** Version 1 stable, the spec asking for 2, mirroring 40 %, analysis every 2 minutes. */
  private static ReleaseDriver releasing(boolean autoPromotion) {
    ReleaseDriver d = new ReleaseDriver(ReleaseDriver.spec(ReleaseStrategy.Shadow, "1"));
    d.spec.getRelease().getShadow().setMirrorPercent(40);
    d.spec.getRelease().getShadow().setAutoPromotion(autoPromotion);
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setInterval("2m");
    d.spec.setAnalysis(analysis);
    d.deployed("1");
    d.want("2");
    return d;
  }

  @Test
  void mirrorsOnceTheCandidateIsReadyAndPromotesWhenTheAnalysisPasses() {
    ReleaseDriver d = releasing(true);
    d.analyzer.answer(Verdicts.INCONCLUSIVE, Verdicts.PASS);

    RolloutDecision starting = d.reconcile();
    assertThat(starting.state().step()).isEqualTo("StartCandidate");
    assertThat(starting.plan().traffic()).isEqualTo(new TrafficSplit("1", "2", 0, 0));
    assertThat(starting.plan().replicas()).isEqualTo(Map.of("1", 2, "2", 2));

    d.ready("2");
    RolloutDecision mirroring = d.reconcile();
    assertThat(mirroring.state().step()).isEqualTo("Mirroring");
    assertThat(mirroring.state().candidateWeight()).isEqualTo(40);
    assertThat(mirroring.plan().traffic()).isEqualTo(new TrafficSplit("1", "2", 0, 40));
    assertThat(mirroring.requeueAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(mirroring.events())
        .extracting(RolloutEvent::reason)
        .containsExactly("MirroringStarted");
    assertThat(d.analyzer.windowStarts).containsExactly(d.now);

    d.advance(Duration.ofMinutes(2));
    RolloutDecision inconclusive = d.reconcile();
    assertThat(inconclusive.state().step()).isEqualTo("Mirroring");
    assertThat(inconclusive.requeueAfter()).isEqualTo(Duration.ofMinutes(2));

    d.advance(Duration.ofMinutes(2));
    RolloutDecision promoted = d.reconcile();
    assertThat(promoted.state().step()).isEqualTo("ScaleDownPrevious");
    assertThat(promoted.plan().traffic()).isEqualTo(new TrafficSplit("1", "2", 100, 0));

    d.advance(Duration.ofSeconds(30));
    RolloutDecision done = d.reconcile();
    assertThat(done.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(done.state().stableVersion()).isEqualTo("2");
    assertThat(done.plan().traffic()).isEqualTo(TrafficSplit.allTo("2"));
  }

  @Test
  void withoutAutoPromotionAPassKeepsMirroringUntilManualPromotion() {
    ReleaseDriver d = releasing(false);
    d.analyzer.answer(Verdicts.PASS, Verdicts.PASS);
    d.reconcile();
    d.ready("2");
    d.reconcile();

    d.advance(Duration.ofMinutes(2));
    RolloutDecision passed = d.reconcile();
    assertThat(passed.state().step()).isEqualTo("Mirroring");
    assertThat(passed.state().lastAnalysis().getVerdict()).isEqualTo("Pass");
    assertThat(passed.requeueAfter()).isEqualTo(Duration.ofMinutes(2));

    d.commands = new ManualCommands(true, false, false);
    d.advance(Duration.ofSeconds(5));
    assertThat(d.reconcile().state().step()).isEqualTo("ScaleDownPrevious");
  }

  @Test
  void aFailingAnalysisStopsMirroringAndRollsBack() {
    ReleaseDriver d = releasing(true);
    d.analyzer.answer(Verdicts.FAIL);
    d.reconcile();
    d.ready("2");
    d.reconcile();
    d.advance(Duration.ofMinutes(2));

    RolloutDecision aborted = d.reconcile();

    assertThat(aborted.state().phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(aborted.plan().traffic()).isEqualTo(TrafficSplit.allTo("1"));
    assertThat(aborted.plan().traffic().mirrorPercent()).isZero();
    assertThat(aborted.plan().replicas()).isEqualTo(Map.of("1", 2, "2", 0));
  }

  @Test
  void withoutAnAnalysisSpecTheDefaultsJudgeEveryMinute() {
    ReleaseDriver d = releasing(true);
    d.spec.setAnalysis(null);
    d.analyzer.answer(Verdicts.PASS);
    d.reconcile();
    d.ready("2");
    assertThat(d.reconcile().requeueAfter()).isEqualTo(Duration.ofMinutes(1));

    d.advance(Duration.ofMinutes(1));
    assertThat(d.reconcile().state().step()).isEqualTo("ScaleDownPrevious");
  }
}
