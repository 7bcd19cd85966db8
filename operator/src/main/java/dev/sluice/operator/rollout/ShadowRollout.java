package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.ShadowSpec;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.time.Duration;

/**
 * Shadow: the candidate runs beside the stable version and receives a mirrored copy of {@code
 * mirrorPercent} % of the requests; its answers are compared with stable's and never returned.
 * States:
 *
 * <ul>
 *   <li>{@value #START_CANDIDATE}: wait until the candidate is ready (nothing mirrored);
 *   <li>{@value #MIRRORING}: copies flow; every analysis interval an analysis over the time since
 *       mirroring began (error rate, p99, disagreement ≤ {@code maxDisagreementRate}, min requests;
 *       the ModelDeployment's {@code analysis}, or its defaults when unset): Fail → abort, Pass →
 *       promotion when {@code autoPromotion}, otherwise (and on Inconclusive) keep mirroring;
 *       {@code sluice.dev/promote} promotes at any time;
 *   <li>{@value Promotion#SCALE_DOWN_PREVIOUS}: all traffic on the candidate, the previous version
 *       kept for {@link Promotion#DRAIN}, then removed → Healthy.
 * </ul>
 */
final class ShadowRollout extends ReleaseStateMachine {
  static final String START_CANDIDATE = "StartCandidate";
  static final String MIRRORING = "Mirroring";

  private final Promotion promotion = new Promotion(this, false);

  @Override
  RolloutDecision start(ReleaseContext ctx) {
    ReleaseContext started = ctx.with(releasing(ctx, START_CANDIDATE, null, 0));
    return started.decide(started.state(), plan(started), ReleaseContext.READINESS_POLL);
  }

  @Override
  RolloutDecision progress(ReleaseContext ctx) {
    return switch (ctx.state().step()) {
      case START_CANDIDATE -> startCandidate(ctx);
      case MIRRORING -> mirroring(ctx);
      case Promotion.SCALE_DOWN_PREVIOUS -> promotion.scaleDownPrevious(ctx, Promotion.DRAIN);
      default -> start(ctx); // a state of another strategy: the spec's strategy changed
    };
  }

  @Override
  RolloutDecision promote(ReleaseContext ctx) {
    if (MIRRORING.equals(ctx.state().step())) {
      return promotion.promote(ctx, "the sluice.dev/promote annotation", Promotion.DRAIN);
    }
    return progress(ctx);
  }

  @Override
  boolean analysesCurrentStep(ReleaseContext ctx) {
    return MIRRORING.equals(ctx.state().step());
  }

  private RolloutDecision startCandidate(ReleaseContext ctx) {
    if (!ctx.ready(ctx.candidate())) {
      return ctx.stay(plan(ctx), ReleaseContext.READINESS_POLL);
    }
    int percent = settings(ctx).getMirrorPercent();
    ctx.event(
        false,
        "MirroringStarted",
        percent
            + "% of the requests to version "
            + ctx.stable()
            + " are mirrored to version "
            + ctx.candidate());
    ReleaseContext mirroring = ctx.with(ctx.enter(MIRRORING, null, percent));
    mirroring.startAnalysisWindow();
    Duration interval = ReleaseContext.interval(analysis(ctx));
    return mirroring.decide(mirroring.state(), plan(mirroring), interval);
  }

  private RolloutDecision mirroring(ReleaseContext ctx) {
    Duration interval = ReleaseContext.interval(analysis(ctx));
    StepAnalysis.Result result = StepAnalysis.run(ctx, interval, interval);
    ReleaseContext judged =
        result.analysis() == null ? ctx : ctx.with(ctx.withAnalysis(result.analysis()));
    return switch (result.outcome()) {
      case WAIT, INCONCLUSIVE -> judged.stay(plan(judged), result.requeueAfter());
      case PASS ->
          Boolean.TRUE.equals(settings(ctx).getAutoPromotion())
              ? promotion.promote(
                  judged, "analysis passed: " + result.analysis().getMessage(), Promotion.DRAIN)
              : judged.stay(plan(judged), interval);
      case FAIL -> {
        judged.event(true, "AnalysisFailed", result.analysis().getMessage());
        yield abort(judged, "analysis: " + result.analysis().getMessage());
      }
    };
  }

  @Override
  ServingPlan plan(ReleaseContext ctx) {
    if (Promotion.SCALE_DOWN_PREVIOUS.equals(ctx.state().step())) {
      return promotion.plan(ctx);
    }
    int mirror = MIRRORING.equals(ctx.state().step()) ? settings(ctx).getMirrorPercent() : 0;
    return new ServingPlan(
        ctx.serving(ctx.stable(), ctx.candidate()),
        false,
        new TrafficSplit(ctx.stable(), ctx.candidate(), 0, mirror),
        null);
  }

  /** The analysis settings; a Shadow release is always judged, on the defaults when unset. */
  private static AnalysisSpec analysis(ReleaseContext ctx) {
    return ctx.analysis() == null ? new AnalysisSpec() : ctx.analysis();
  }

  private static ShadowSpec settings(ReleaseContext ctx) {
    ShadowSpec spec = ctx.spec().getRelease().getShadow();
    return spec == null ? new ShadowSpec() : spec;
  }
}
