package dev.sluice.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecreateRolloutTest {

  @Test
  void scalesTheOldVersionToZeroThenStartsTheNewOne() {
    ReleaseDriver d = new ReleaseDriver(ReleaseDriver.spec(ReleaseStrategy.Recreate, "1"));
    d.deployed("1");
    d.want("2");

    RolloutDecision scaling = d.reconcile();
    assertThat(scaling.state().step()).isEqualTo("ScaleDownOld");
    assertThat(scaling.state().candidateVersion()).isEqualTo("2");
    assertThat(scaling.plan().replicas()).isEqualTo(Map.of("1", 0));
    assertThat(scaling.plan().traffic()).isEqualTo(TrafficSplit.allTo("1"));
    assertThat(scaling.requeueAfter()).isEqualTo(Duration.ofSeconds(5));
    assertThat(scaling.events()).extracting(RolloutEvent::reason).containsExactly("ReleaseStarted");

    // Pods terminating: the new version does not start yet.
    d.workloads.put("1", new WorkloadStatus(1, 0, 1));
    d.advance(Duration.ofSeconds(5));
    RolloutDecision stillThere = d.reconcile();
    assertThat(stillThere.state().step()).isEqualTo("ScaleDownOld");
    assertThat(stillThere.plan().replicas()).doesNotContainKey("2");

    d.workloads.put("1", WorkloadStatus.ABSENT);
    RolloutDecision starting = d.reconcile();
    assertThat(starting.state().step()).isEqualTo("StartNew");
    assertThat(starting.plan().replicas()).isEqualTo(Map.of("1", 0, "2", 2));
    assertThat(starting.plan().traffic()).isEqualTo(TrafficSplit.allTo("2"));
    assertThat(starting.events())
        .extracting(RolloutEvent::reason)
        .containsExactly("OldVersionScaledDown");

    d.workloads.put("2", new WorkloadStatus(2, 1, 2));
    assertThat(d.reconcile().state().step()).isEqualTo("StartNew");

    d.ready("2");
    RolloutDecision done = d.reconcile();
    assertThat(done.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(done.state().stableVersion()).isEqualTo("2");
    assertThat(done.state().candidateVersion()).isNull();
    assertThat(done.plan().replicas()).isEqualTo(Map.of("2", 2));
    assertThat(done.requeueAfter()).isNull();
    assertThat(done.events()).extracting(RolloutEvent::reason).containsExactly("Promoted");
  }

  @Test
  void anAbortStartsTheOldVersionAgain() {
    ReleaseDriver d = new ReleaseDriver(ReleaseDriver.spec(ReleaseStrategy.Recreate, "1"));
    d.deployed("1");
    d.want("2");
    d.reconcile();
    d.gone("1");
    d.reconcile();

    d.commands = new ManualCommands(false, true, false);
    RolloutDecision aborted = d.reconcile();

    assertThat(aborted.state().phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(aborted.plan().replicas()).isEqualTo(Map.of("1", 2, "2", 0));
    assertThat(aborted.plan().traffic()).isEqualTo(TrafficSplit.allTo("1"));
  }

  @Test
  void promoteHasNothingToSkip() {
    ReleaseDriver d = new ReleaseDriver(ReleaseDriver.spec(ReleaseStrategy.Recreate, "1"));
    d.deployed("1");
    d.want("2");
    d.reconcile();

    d.commands = new ManualCommands(true, false, false);
    RolloutDecision next = d.reconcile();

    assertThat(next.state().step()).isEqualTo("ScaleDownOld");
    assertThat(next.plan().replicas()).isEqualTo(Map.of("1", 0));
  }
}
