package dev.sluice.operator.rollout;

import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.time.Duration;

/**
 * Promotion of a candidate that runs beside the stable version (BlueGreen, Canary, Shadow): all
 * traffic switches to the candidate at once, and the previous stable version keeps running for a
 * while in state {@value #SCALE_DOWN_PREVIOUS} — so an abort or a spec naming it again is an
 * instant rollback, and routers that have not yet reloaded their configuration still reach it. Then
 * the candidate becomes the stable version and the previous one is removed.
 */
final class Promotion {
  static final String SCALE_DOWN_PREVIOUS = "ScaleDownPrevious";

  /** How long Canary and Shadow keep the previous version after promotion. */
  static final Duration DRAIN = Duration.ofSeconds(30);

  private final ReleaseStateMachine machine;
  private final boolean preview;

  /**
   * @param machine the strategy, for its completion
   * @param preview whether the plan keeps selecting the candidate with the preview Service
   *     (BlueGreen)
   */
  Promotion(ReleaseStateMachine machine, boolean preview) {
    this.machine = machine;
    this.preview = preview;
  }

  /**
   * Switches all traffic to the candidate now.
   *
   * @param why what decided it, for the event (e.g. "the last canary step passed")
   * @param keepPrevious how long the previous version keeps running
   */
  RolloutDecision promote(ReleaseContext ctx, String why, Duration keepPrevious) {
    ctx.event(
        false,
        "Promoted",
        "version "
            + ctx.candidate()
            + " promoted ("
            + why
            + "): it answers all requests; version "
            + ctx.stable()
            + " kept for "
            + keepPrevious.toSeconds()
            + "s");
    ReleaseContext promoted = ctx.with(ctx.enter(SCALE_DOWN_PREVIOUS, null, 100));
    return promoted.decide(promoted.state(), plan(promoted), keepPrevious);
  }

  /** The handler of {@value #SCALE_DOWN_PREVIOUS}: remove the previous version once it is due. */
  RolloutDecision scaleDownPrevious(ReleaseContext ctx, Duration keepPrevious) {
    Duration left = ctx.remaining(keepPrevious);
    if (!left.isZero() && !ctx.commands().promote()) {
      return ctx.stay(plan(ctx), left);
    }
    return machine.completed(
        ctx,
        "ReleaseCompleted",
        "version " + ctx.candidate() + " is stable; version " + ctx.stable() + " removed");
  }

  /** Both versions run; the candidate answers every request. */
  ServingPlan plan(ReleaseContext ctx) {
    return new ServingPlan(
        ctx.serving(ctx.stable(), ctx.candidate()),
        false,
        new TrafficSplit(ctx.stable(), ctx.candidate(), 100, 0),
        preview ? ctx.candidate() : null);
  }
}
