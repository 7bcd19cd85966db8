package dev.sluice.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BlueGreenRolloutTest {

  /** Version 1 stable, the spec asking for 2, the candidate's preview ready. */
  private static ReleaseDriver previewReady(boolean autoPromotion, AnalysisSpec analysis) {
    ReleaseDriver d = new ReleaseDriver(ReleaseDriver.spec(ReleaseStrategy.BlueGreen, "1"));
    d.spec.getRelease().getBlueGreen().setAutoPromotion(autoPromotion);
    d.spec.getRelease().getBlueGreen().setScaleDownDelay("2m");
    d.spec.setAnalysis(analysis);
    d.deployed("1");
    d.want("2");
    d.reconcile();
    d.ready("2");
    return d;
  }

  private static AnalysisSpec everyMinute() {
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setInterval("1m");
    return analysis;
  }

  @Test
  void thePreviewRunsBesideStableAndManualPromotionSwitchesAllTrafficAtOnce() {
    ReleaseDriver d = new ReleaseDriver(ReleaseDriver.spec(ReleaseStrategy.BlueGreen, "1"));
    d.spec.getRelease().getBlueGreen().setScaleDownDelay("2m");
    d.deployed("1");
    d.want("2");

    RolloutDecision starting = d.reconcile();
    assertThat(starting.state().step()).isEqualTo("StartPreview");
    assertThat(starting.plan().replicas()).isEqualTo(Map.of("1", 2, "2", 2));
    assertThat(starting.plan().previewVersion()).isEqualTo("2");
    assertThat(starting.plan().traffic()).isEqualTo(new TrafficSplit("1", "2", 0, 0));

    d.ready("2");
    RolloutDecision waiting = d.reconcile();
    assertThat(waiting.state().step()).isEqualTo("AwaitPromotion");
    assertThat(waiting.requeueAfter()).isNull();
    assertThat(waiting.events()).extracting(RolloutEvent::reason).containsExactly("PreviewReady");

    d.advance(Duration.ofHours(3));
    assertThat(d.reconcile().state().step()).isEqualTo("AwaitPromotion");

    d.commands = new ManualCommands(true, false, false);
    RolloutDecision promoted = d.reconcile();
    assertThat(promoted.state().step()).isEqualTo("ScaleDownPrevious");
    assertThat(promoted.state().candidateWeight()).isEqualTo(100);
    assertThat(promoted.plan().traffic()).isEqualTo(new TrafficSplit("1", "2", 100, 0));
    assertThat(promoted.plan().replicas()).isEqualTo(Map.of("1", 2, "2", 2));
    assertThat(promoted.requeueAfter()).isEqualTo(Duration.ofMinutes(2));
    assertThat(promoted.events()).extracting(RolloutEvent::reason).containsExactly("Promoted");

    d.commands = ManualCommands.NONE;
    d.advance(Duration.ofMinutes(1));
    RolloutDecision keeping = d.reconcile();
    assertThat(keeping.plan().replicas()).containsEntry("1", 2);
    assertThat(keeping.requeueAfter()).isEqualTo(Duration.ofMinutes(1));

    d.advance(Duration.ofMinutes(1));
    RolloutDecision done = d.reconcile();
    assertThat(done.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(done.state().stableVersion()).isEqualTo("2");
    assertThat(done.plan().replicas()).isEqualTo(Map.of("2", 2));
    assertThat(done.plan().previewVersion()).isNull();
    assertThat(done.events()).extracting(RolloutEvent::reason).containsExactly("ReleaseCompleted");
  }

  @Test
  void autoPromotionAfterAPassingAnalysis() {
    ReleaseDriver d = previewReady(true, everyMinute());
    d.analyzer.answer(Verdicts.INCONCLUSIVE, Verdicts.PASS);

    RolloutDecision waiting = d.reconcile();
    assertThat(waiting.state().step()).isEqualTo("AwaitPromotion");
    assertThat(waiting.requeueAfter()).isEqualTo(Duration.ofMinutes(1));
    assertThat(d.analyzer.windowStarts).containsExactly(d.now);
    Duration since = Duration.ofMinutes(1);

    d.advance(since);
    RolloutDecision inconclusive = d.reconcile();
    assertThat(inconclusive.state().step()).isEqualTo("AwaitPromotion");
    assertThat(inconclusive.state().lastAnalysis().getVerdict()).isEqualTo("Inconclusive");
    assertThat(inconclusive.requeueAfter()).isEqualTo(Duration.ofMinutes(1));

    d.advance(Duration.ofSeconds(30)); // woken early by an unrelated event: not due yet
    assertThat(d.reconcile().requeueAfter()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.analyzer.calls).hasSize(1);

    d.advance(Duration.ofSeconds(30));
    RolloutDecision promoted = d.reconcile();
    assertThat(promoted.state().step()).isEqualTo("ScaleDownPrevious");
    assertThat(promoted.state().lastAnalysis().getVerdict()).isEqualTo("Pass");
    assertThat(d.analyzer.calls).hasSize(2);
    assertThat(d.analyzer.calls.get(1).since()).isEqualTo(ReleaseDriver.T0);
  }

  @Test
  void aFailingAnalysisAbortsBeforePromotion() {
    ReleaseDriver d = previewReady(true, everyMinute());
    d.reconcile();
    d.analyzer.answer(Verdicts.FAIL);
    d.advance(Duration.ofMinutes(1));

    RolloutDecision aborted = d.reconcile();

    assertThat(aborted.state().phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(aborted.state().lastAnalysis().getVerdict()).isEqualTo("Fail");
    assertThat(aborted.plan().traffic()).isEqualTo(TrafficSplit.allTo("1"));
    assertThat(aborted.plan().replicas()).isEqualTo(Map.of("1", 2, "2", 0));
    assertThat(aborted.events())
        .extracting(RolloutEvent::reason)
        .containsExactly("AnalysisFailed", "Aborted", "RolledBack");
  }

  @Test
  void aPassingAnalysisWithoutAutoPromotionWaitsForTheAnnotation() {
    ReleaseDriver d = previewReady(false, everyMinute());
    d.reconcile();
    d.analyzer.answer(Verdicts.PASS);
    d.advance(Duration.ofMinutes(1));

    RolloutDecision passed = d.reconcile();

    assertThat(passed.state().step()).isEqualTo("AwaitPromotion");
    assertThat(passed.state().lastAnalysis().getVerdict()).isEqualTo("Pass");
  }

  @Test
  void withoutAnalysisAutoPromotionWaitsTheDelay() {
    ReleaseDriver d = previewReady(true, null);
    d.spec.getRelease().getBlueGreen().setAutoPromotionDelay("90s");

    RolloutDecision waiting = d.reconcile();
    assertThat(waiting.requeueAfter()).isEqualTo(Duration.ofSeconds(90));

    d.advance(Duration.ofSeconds(90));
    assertThat(d.reconcile().state().step()).isEqualTo("ScaleDownPrevious");
    assertThat(d.analyzer.calls).isEmpty();
  }

  @Test
  void promoteBeforeTheCandidateIsReadyWaits() {
    ReleaseDriver d = new ReleaseDriver(ReleaseDriver.spec(ReleaseStrategy.BlueGreen, "1"));
    d.deployed("1");
    d.want("2");
    d.reconcile();
    d.commands = new ManualCommands(true, false, false);

    assertThat(d.reconcile().state().step()).isEqualTo("StartPreview");
  }

  @Test
  void anAbortDuringTheScaleDownDelayIsAnInstantRollback() {
    ReleaseDriver d = previewReady(false, null);
    d.reconcile();
    d.commands = new ManualCommands(true, false, false);
    d.reconcile();
    assertThat(d.state.step()).isEqualTo("ScaleDownPrevious");

    d.commands = new ManualCommands(false, true, false);
    d.advance(Duration.ofSeconds(10));
    RolloutDecision back = d.reconcile();

    assertThat(back.state().phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(back.state().stableVersion()).isEqualTo("1");
    assertThat(back.plan().traffic()).isEqualTo(TrafficSplit.allTo("1"));
  }

  @Test
  void aNewVersionDuringTheScaleDownDelayStartsFromThePromotedOne() {
    ReleaseDriver d = previewReady(false, null);
    d.reconcile();
    d.commands = new ManualCommands(true, false, false);
    d.reconcile();
    d.commands = ManualCommands.NONE;

    d.want("3");
    RolloutDecision next = d.reconcile();

    assertThat(next.state().stableVersion()).isEqualTo("2");
    assertThat(next.state().candidateVersion()).isEqualTo("3");
    assertThat(next.plan().replicas()).isEqualTo(Map.of("2", 2, "3", 2));
    assertThat(next.plan().previewVersion()).isEqualTo("3");
  }
}
