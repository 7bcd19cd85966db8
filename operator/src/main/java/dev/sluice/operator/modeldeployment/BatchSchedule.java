package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.operator.rollout.RolloutDecision;
import dev.sluice.operator.rollout.RolloutEvent;
import dev.sluice.operator.rollout.RolloutObservation;
import dev.sluice.operator.rollout.RolloutState;
import dev.sluice.operator.rollout.RolloutStrategy;
import dev.sluice.operator.rollout.ServingPlan;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.util.List;
import java.util.Map;

/**
 * Mode Batch has no release: each run of the batch job loads spec.model.version afresh, so a new
 * version is simply "stable" from the next run on, whatever release.strategy says. Nothing serves
 * requests, so the plan has no model server and no traffic.
 */
final class BatchSchedule implements RolloutStrategy {
  /** The step name of a scheduled batch job. */
  static final String SCHEDULED = "BatchScheduled";

  @Override
  public RolloutDecision next(RolloutObservation observation) {
    RolloutState state = observation.state();
    String version = observation.desiredVersion();
    ServingPlan nothing = new ServingPlan(Map.of(), false, TrafficSplit.allTo(null), null);
    if (state.phase() == RolloutPhase.Healthy
        && version.equals(state.stableVersion())
        && SCHEDULED.equals(state.step())) {
      return new RolloutDecision(state, nothing, null, List.of());
    }
    RolloutState scheduled =
        new RolloutState(
            RolloutPhase.Healthy,
            version,
            null,
            null,
            SCHEDULED,
            null,
            0,
            observation.now(),
            state.lastAnalysis());
    return new RolloutDecision(
        scheduled,
        nothing,
        null,
        List.of(
            new RolloutEvent(
                false,
                SCHEDULED,
                "the batch job runs version "
                    + version
                    + " on schedule '"
                    + observation.spec().getBatch().getSchedule()
                    + "'"
                    + (state.stableVersion() == null || state.stableVersion().equals(version)
                        ? ""
                        : " (was version " + state.stableVersion() + ")"))));
  }
}
