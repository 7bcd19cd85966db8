package dev.sluice.operator.modeldeployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.operator.rollout.ManualCommands;
import dev.sluice.operator.rollout.RolloutState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ManualControlTest {
  static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
  static final RolloutState CANARY =
      new RolloutState(RolloutPhase.Progressing, "1", "2", null, "CanaryStep", 0, 10, T, null);
  static final RolloutState HEALTHY =
      new RolloutState(RolloutPhase.Healthy, "1", null, null, "Stable", null, 0, T, null);

  @Test
  void aCommandThatMovedTheReleaseIsUsed() {
    RolloutState rolledBack =
        new RolloutState(RolloutPhase.RolledBack, "1", null, "2", "RolledBack", null, 0, T, null);
    var outcome =
        ManualControl.outcome(new ManualCommands(false, true, false), "2", CANARY, rolledBack);
    assertThat(outcome.used()).containsExactly(ManualControl.ABORT);
    assertThat(outcome.ignored()).isEmpty();
  }

  @Test
  void aPromoteTheStrategyCouldNotActOnYetStays() {
    var outcome =
        ManualControl.outcome(new ManualCommands(true, false, false), "2", CANARY, CANARY);
    assertThat(outcome.removed()).isEmpty();
  }

  @Test
  void aPromoteGivenWhileTheCandidateStartsOutlivesTheStepThatFollows() {
    RolloutState starting =
        new RolloutState(
            RolloutPhase.Progressing, "1", "2", null, "StartCandidate", null, 0, T, null);
    var outcome =
        ManualControl.outcome(new ManualCommands(true, false, false), "2", starting, CANARY);
    assertThat(outcome.removed()).as("the candidate turned ready; nothing promoted").isEmpty();
  }

  @Test
  void aPromoteThatMovedAllTrafficIsUsed() {
    RolloutState promoted =
        new RolloutState(
            RolloutPhase.Progressing, "1", "2", null, "ScaleDownPrevious", null, 100, T, null);
    var outcome =
        ManualControl.outcome(new ManualCommands(true, false, false), "2", CANARY, promoted);
    assertThat(outcome.used()).containsExactly(ManualControl.PROMOTE);
  }

  @Test
  void aPromoteWhilePausedWaitsForTheEndOfThePause() {
    RolloutState paused =
        new RolloutState(RolloutPhase.Paused, "1", "2", null, "CanaryStep", 0, 10, T, null);
    var outcome = ManualControl.outcome(new ManualCommands(true, false, true), "2", CANARY, paused);
    assertThat(outcome.removed()).isEmpty();
  }

  @Test
  void commandsWithNoReleaseInProgressAreIgnored() {
    var outcome =
        ManualControl.outcome(new ManualCommands(true, true, false), "1", HEALTHY, HEALTHY);
    assertThat(outcome.ignored())
        .containsExactlyInAnyOrder(ManualControl.PROMOTE, ManualControl.ABORT);
  }

  @Test
  void aCommandGivenWithTheSpecChangeThatStartsAReleaseWaitsForIt() {
    RolloutState started =
        new RolloutState(
            RolloutPhase.Progressing, "1", "2", null, "StartCandidate", null, 0, T, null);
    var outcome =
        ManualControl.outcome(new ManualCommands(true, false, false), "2", HEALTHY, started);
    assertThat(outcome.removed()).isEqualTo(List.of());
  }
}
