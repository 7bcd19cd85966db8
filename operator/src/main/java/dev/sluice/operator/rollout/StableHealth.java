package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.RolloutPhase;
import java.time.Duration;

/**
 * The state with no release in progress: Healthy while the stable version has a ready pod; Degraded
 * once it has had none for {@link #DEGRADED_AFTER} (state {@value #STABLE_UNAVAILABLE} counts from
 * the first reconcile that saw none), Healthy again with a Normal {@code Recovered} event as soon
 * as a pod is ready. Nothing to do means {@code requeueAfter} null.
 */
final class StableHealth {
  /** How long the stable version may have no ready pod before the phase turns Degraded. */
  static final Duration DEGRADED_AFTER = Duration.ofSeconds(60);

  /** How often a Degraded deployment is looked at again without an event. */
  static final Duration DEGRADED_RECHECK = Duration.ofSeconds(30);

  static final String STABLE_UNAVAILABLE = "StableUnavailable";

  private StableHealth() {}

  /**
   * @param plan the stable version alone (the strategy's steady plan)
   */
  static RolloutDecision decide(ReleaseContext ctx, ServingPlan plan) {
    RolloutState s = ctx.state();
    String stable = s.stableVersion();
    boolean unavailable = ctx.replicas() > 0 && ctx.workload(stable).readyReplicas() == 0;
    if (!unavailable) {
      if (s.phase() == RolloutPhase.Degraded) {
        ctx.event(false, "Recovered", "version " + stable + " has ready pods again");
      }
      boolean unchanged =
          s.phase() == RolloutPhase.Healthy && ReleaseStateMachine.STABLE.equals(s.step());
      RolloutState healthy =
          unchanged ? s : ctx.settled(RolloutPhase.Healthy, stable, ReleaseStateMachine.STABLE);
      return ctx.decide(healthy, plan, null);
    }
    if (!STABLE_UNAVAILABLE.equals(s.step())) {
      RolloutPhase phase = s.phase() == RolloutPhase.Degraded ? s.phase() : RolloutPhase.Healthy;
      return ctx.decide(ctx.settled(phase, stable, STABLE_UNAVAILABLE), plan, DEGRADED_AFTER);
    }
    if (ctx.inStep().compareTo(DEGRADED_AFTER) < 0) {
      return ctx.stay(plan, ctx.remaining(DEGRADED_AFTER));
    }
    if (s.phase() == RolloutPhase.Degraded) {
      return ctx.stay(plan, DEGRADED_RECHECK);
    }
    ctx.event(
        true,
        "Degraded",
        "stable version " + stable + " has had no ready pod for " + ctx.inStep().toSeconds() + "s");
    RolloutState degraded =
        new RolloutState(
            RolloutPhase.Degraded,
            stable,
            null,
            null,
            STABLE_UNAVAILABLE,
            null,
            0,
            s.stepSince(),
            s.lastAnalysis());
    return ctx.decide(degraded, plan, DEGRADED_RECHECK);
  }
}
