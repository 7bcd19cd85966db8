package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.BlueGreenSpec;
import dev.sluice.api.v1alpha1.Durations;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.time.Duration;

/**
 * BlueGreen: the candidate runs beside the stable version with every replica, selected by the
 * preview Service ({@link ServingPlan#previewVersion()}) and reachable through the router at {@code
 * /v2/models/<model>/versions/<candidate>/…}, while stable answers all other requests. States:
 *
 * <ul>
 *   <li>{@value #START_PREVIEW}: wait until the candidate is ready;
 *   <li>{@value #AWAIT_PROMOTION}: with {@code analysis}, an analysis every interval — Fail aborts,
 *       Pass promotes when {@code autoPromotion}; without analysis, {@code autoPromotion} promotes
 *       {@code autoPromotionDelay} after the candidate became ready; otherwise, or until then, the
 *       {@code sluice.dev/promote} annotation promotes;
 *   <li>{@value Promotion#SCALE_DOWN_PREVIOUS}: all traffic on the candidate at once; the previous
 *       version runs for {@code scaleDownDelay} (an abort meanwhile is an instant rollback), then
 *       is removed → Healthy.
 * </ul>
 */
final class BlueGreenRollout extends ReleaseStateMachine {
  static final String START_PREVIEW = "StartPreview";
  static final String AWAIT_PROMOTION = "AwaitPromotion";

  private final Promotion promotion = new Promotion(this, true);

  @Override
  RolloutDecision start(ReleaseContext ctx) {
    ReleaseContext started = ctx.with(releasing(ctx, START_PREVIEW, null, 0));
    return started.decide(started.state(), plan(started), ReleaseContext.READINESS_POLL);
  }

  @Override
  RolloutDecision progress(ReleaseContext ctx) {
    return switch (ctx.state().step()) {
      case START_PREVIEW -> startPreview(ctx);
      case AWAIT_PROMOTION -> awaitPromotion(ctx);
      case Promotion.SCALE_DOWN_PREVIOUS -> promotion.scaleDownPrevious(ctx, scaleDownDelay(ctx));
      default -> start(ctx); // a state of another strategy: the spec's strategy changed
    };
  }

  @Override
  RolloutDecision promote(ReleaseContext ctx) {
    if (START_PREVIEW.equals(ctx.state().step())) {
      return progress(ctx); // a candidate that is not ready yet cannot take the traffic
    }
    if (AWAIT_PROMOTION.equals(ctx.state().step())) {
      return promotion.promote(ctx, "the sluice.dev/promote annotation", scaleDownDelay(ctx));
    }
    return progress(ctx);
  }

  @Override
  boolean analysesCurrentStep(ReleaseContext ctx) {
    return AWAIT_PROMOTION.equals(ctx.state().step()) && ctx.analysis() != null;
  }

  private RolloutDecision startPreview(ReleaseContext ctx) {
    if (!ctx.ready(ctx.candidate())) {
      return ctx.stay(plan(ctx), ReleaseContext.READINESS_POLL);
    }
    ctx.event(
        false,
        "PreviewReady",
        "version "
            + ctx.candidate()
            + " is ready beside version "
            + ctx.stable()
            + " and selected by the preview Service");
    ReleaseContext waiting = ctx.with(ctx.enter(AWAIT_PROMOTION, null, 0));
    if (waiting.analysis() != null) {
      waiting.startAnalysisWindow();
    }
    return awaitPromotion(waiting);
  }

  private RolloutDecision awaitPromotion(ReleaseContext ctx) {
    BlueGreenSpec spec = settings(ctx);
    boolean auto = Boolean.TRUE.equals(spec.getAutoPromotion());
    AnalysisSpec analysis = ctx.analysis();
    if (analysis == null) {
      if (!auto) {
        return ctx.stay(plan(ctx), null); // the promote annotation wakes the reconciler
      }
      Duration delay =
          spec.getAutoPromotionDelay() == null
              ? Duration.ZERO
              : Durations.parse(spec.getAutoPromotionDelay());
      Duration left = ctx.remaining(delay);
      if (!left.isZero()) {
        return ctx.stay(plan(ctx), left);
      }
      return promotion.promote(
          ctx,
          "autoPromotionDelay " + spec.getAutoPromotionDelay() + " passed",
          scaleDownDelay(ctx));
    }
    Duration interval = ReleaseContext.interval(analysis);
    StepAnalysis.Result result = StepAnalysis.run(ctx, interval, interval);
    ReleaseContext judged =
        result.analysis() == null ? ctx : ctx.with(ctx.withAnalysis(result.analysis()));
    return switch (result.outcome()) {
      case WAIT -> ctx.stay(plan(ctx), result.requeueAfter());
      case FAIL -> {
        judged.event(true, "AnalysisFailed", result.analysis().getMessage());
        yield abort(judged, "analysis: " + result.analysis().getMessage());
      }
      case PASS ->
          auto
              ? promotion.promote(
                  judged, "analysis passed: " + result.analysis().getMessage(), scaleDownDelay(ctx))
              : judged.stay(plan(judged), interval);
      case INCONCLUSIVE -> judged.stay(plan(judged), result.requeueAfter());
    };
  }

  @Override
  ServingPlan plan(ReleaseContext ctx) {
    if (Promotion.SCALE_DOWN_PREVIOUS.equals(ctx.state().step())) {
      return promotion.plan(ctx);
    }
    return new ServingPlan(
        ctx.serving(ctx.stable(), ctx.candidate()),
        false,
        new TrafficSplit(ctx.stable(), ctx.candidate(), 0, 0),
        ctx.candidate());
  }

  private static Duration scaleDownDelay(ReleaseContext ctx) {
    String delay = settings(ctx).getScaleDownDelay();
    return delay == null ? Duration.ofSeconds(30) : Durations.parse(delay);
  }

  private static BlueGreenSpec settings(ReleaseContext ctx) {
    BlueGreenSpec spec = ctx.spec().getRelease().getBlueGreen();
    return spec == null ? new BlueGreenSpec() : spec;
  }
}
