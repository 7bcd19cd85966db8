package dev.sluice.operator.rollout;

import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.util.Map;

/**
 * Recreate: one Deployment per version; the old version is scaled to zero, and once its pods are
 * gone the new one starts (downtime in between is expected). States: {@value #SCALE_DOWN_OLD} →
 * {@value #START_NEW} → Healthy. There is no promotion; an abort starts the old version again.
 */
final class RecreateRollout extends ReleaseStateMachine {
  static final String SCALE_DOWN_OLD = "ScaleDownOld";
  static final String START_NEW = "StartNew";

  @Override
  RolloutDecision start(ReleaseContext ctx) {
    ReleaseContext started = ctx.with(releasing(ctx, SCALE_DOWN_OLD, null, 0));
    return started.decide(started.state(), plan(started), ReleaseContext.READINESS_POLL);
  }

  @Override
  RolloutDecision progress(ReleaseContext ctx) {
    return switch (ctx.state().step()) {
      case SCALE_DOWN_OLD -> scaleDownOld(ctx);
      case START_NEW -> startNew(ctx);
      default -> start(ctx); // a state of another strategy: the spec's strategy changed
    };
  }

  private RolloutDecision scaleDownOld(ReleaseContext ctx) {
    if (!ctx.gone(ctx.stable())) {
      return ctx.stay(plan(ctx), ReleaseContext.READINESS_POLL);
    }
    ctx.event(
        false,
        "OldVersionScaledDown",
        "version " + ctx.stable() + " has no pods left; starting version " + ctx.candidate());
    ReleaseContext next = ctx.with(ctx.enter(START_NEW, null, 0));
    return next.decide(next.state(), plan(next), ReleaseContext.READINESS_POLL);
  }

  private RolloutDecision startNew(ReleaseContext ctx) {
    if (!ctx.ready(ctx.candidate())) {
      return ctx.stay(plan(ctx), ReleaseContext.READINESS_POLL);
    }
    return completed(
        ctx,
        "Promoted",
        "version "
            + ctx.candidate()
            + " is ready with "
            + ctx.replicas()
            + " replica(s) and replaces version "
            + ctx.stable());
  }

  @Override
  ServingPlan plan(ReleaseContext ctx) {
    if (START_NEW.equals(ctx.state().step())) {
      return new ServingPlan(
          Map.of(ctx.stable(), 0, ctx.candidate(), ctx.replicas()),
          false,
          TrafficSplit.allTo(ctx.candidate()),
          null);
    }
    // The old version, scaling to zero, is still where requests go until the new one starts.
    return new ServingPlan(Map.of(ctx.stable(), 0), false, TrafficSplit.allTo(ctx.stable()), null);
  }
}
