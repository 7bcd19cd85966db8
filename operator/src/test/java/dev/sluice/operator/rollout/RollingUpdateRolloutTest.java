package dev.sluice.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollingUpdateRolloutTest {

  private static ReleaseDriver releasing() {
    ReleaseDriver d = new ReleaseDriver(ReleaseDriver.spec(ReleaseStrategy.RollingUpdate, "1"));
    d.deployed("1");
    d.want("2");
    return d;
  }

  @Test
  void changesTheSingleDeploymentsVersionAndWaitsUntilEveryPodIsUpdatedAndReady() {
    ReleaseDriver d = releasing();
    assertThat(d.state.stableVersion()).isEqualTo("1");

    RolloutDecision rolling = d.reconcile();
    assertThat(rolling.state().step()).isEqualTo("Rolling");
    assertThat(rolling.plan().inPlace()).isTrue();
    assertThat(rolling.plan().replicas()).isEqualTo(Map.of("2", 2));
    assertThat(rolling.plan().traffic()).isEqualTo(TrafficSplit.allTo("2"));
    assertThat(rolling.requeueAfter()).isEqualTo(Duration.ofSeconds(5));

    // Kubernetes has not picked the new template up yet, then surges one pod.
    assertThat(d.reconcile().state().step()).isEqualTo("Rolling");
    d.workloads.put("2", new WorkloadStatus(3, 2, 1));
    assertThat(d.reconcile().state().step()).isEqualTo("Rolling");
    d.workloads.put("2", new WorkloadStatus(2, 1, 2));
    assertThat(d.reconcile().state().step()).isEqualTo("Rolling");

    d.workloads.put("2", new WorkloadStatus(2, 2, 2));
    RolloutDecision done = d.reconcile();
    assertThat(done.state().phase()).isEqualTo(RolloutPhase.Healthy);
    assertThat(done.state().stableVersion()).isEqualTo("2");
    assertThat(done.plan().inPlace()).isTrue();
    assertThat(done.plan().replicas()).isEqualTo(Map.of("2", 2));
    assertThat(done.events()).extracting(RolloutEvent::reason).containsExactly("Promoted");
  }

  @Test
  void anAutoscaledDeploymentAboveTheMinimumStillCompletes() {
    ReleaseDriver d = releasing();
    d.reconcile();
    d.workloads.put("2", new WorkloadStatus(5, 5, 5));

    assertThat(d.reconcile().state().phase()).isEqualTo(RolloutPhase.Healthy);
  }

  @Test
  void anAbortPutsTheStableVersionBackInTheTemplate() {
    ReleaseDriver d = releasing();
    d.reconcile();
    d.commands = new ManualCommands(false, true, false);

    RolloutDecision aborted = d.reconcile();

    assertThat(aborted.state().phase()).isEqualTo(RolloutPhase.RolledBack);
    assertThat(aborted.plan().inPlace()).isTrue();
    assertThat(aborted.plan().replicas()).isEqualTo(Map.of("1", 2));
  }
}
