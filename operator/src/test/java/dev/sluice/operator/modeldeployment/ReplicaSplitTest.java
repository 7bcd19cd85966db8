package dev.sluice.operator.modeldeployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.operator.modeldeployment.model.ReplicaSplit;
import dev.sluice.operator.rollout.ServingPlan;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplicaSplitTest {
  private static Map<String, Integer> split(int total, int weight) {
    return ReplicaSplit.replicas(
        new ServingPlan(
            Map.of("1", total, "2", total), false, new TrafficSplit("1", "2", weight, 0), null),
        total);
  }

  @Test
  void theCandidatesShareOfPodsIsItsWeightRoundedHalfUp() {
    assertThat(split(4, 10)).containsEntry("2", 1).containsEntry("1", 3);
    assertThat(split(4, 50)).containsEntry("2", 2).containsEntry("1", 2);
    assertThat(split(10, 25)).containsEntry("2", 3).containsEntry("1", 7);
    assertThat(split(4, 90)).containsEntry("2", 4).containsEntry("1", 1);
  }

  @Test
  void eachVersionOfASplitKeepsAPodEvenWithOneReplica() {
    assertThat(split(1, 10)).containsEntry("2", 1).containsEntry("1", 1);
  }

  @Test
  void weightsZeroAndHundredKeepThePlansCountsAndSelectOneVersion() {
    assertThat(split(4, 0)).containsEntry("1", 4).containsEntry("2", 4);
    assertThat(ReplicaSplit.singleVersion(new TrafficSplit("1", "2", 0, 0))).isEqualTo("1");
    assertThat(ReplicaSplit.singleVersion(new TrafficSplit("1", "2", 100, 0))).isEqualTo("2");
    assertThat(ReplicaSplit.singleVersion(new TrafficSplit("1", "2", 30, 0))).isNull();
  }
}
