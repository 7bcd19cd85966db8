package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.CanaryStep;
import dev.sluice.api.v1alpha1.Durations;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.time.Duration;
import java.util.List;

/**
 * Canary: the candidate runs beside the stable version and answers a growing share of requests,
 * step by step. States:
 *
 * <ul>
 *   <li>{@value #START_CANDIDATE}: wait until the candidate is ready (weight 0);
 *   <li>{@value #CANARY_STEP} i: {@code steps[i].weight} % to the candidate for {@code
 *       steps[i].pause} (no pause: until {@code sluice.dev/promote}); then, when the step is
 *       analysed ({@code steps[i].analysis} and the ModelDeployment has {@code analysis}), an
 *       analysis over the step: Pass → step i+1, Fail → abort, Inconclusive → stay and analyse
 *       again every interval; after the last step → promotion;
 *   <li>{@value Promotion#SCALE_DOWN_PREVIOUS}: all traffic on the candidate, the previous version
 *       kept for {@link Promotion#DRAIN}, then removed → Healthy.
 * </ul>
 *
 * {@code sluice.dev/promote} skips the remaining steps and analyses.
 */
final class CanaryRollout extends ReleaseStateMachine {
  static final String START_CANDIDATE = "StartCandidate";
  static final String CANARY_STEP = "CanaryStep";

  private final Promotion promotion = new Promotion(this, false);

  @Override
  RolloutDecision start(ReleaseContext ctx) {
    ReleaseContext started = ctx.with(releasing(ctx, START_CANDIDATE, null, 0));
    return started.decide(started.state(), plan(started), ReleaseContext.READINESS_POLL);
  }

  @Override
  RolloutDecision progress(ReleaseContext ctx) {
    return switch (ctx.state().step()) {
      case START_CANDIDATE ->
          ctx.ready(ctx.candidate())
              ? enterStep(ctx, 0)
              : ctx.stay(plan(ctx), ReleaseContext.READINESS_POLL);
      case CANARY_STEP -> canaryStep(ctx);
      case Promotion.SCALE_DOWN_PREVIOUS -> promotion.scaleDownPrevious(ctx, Promotion.DRAIN);
      default -> start(ctx); // a state of another strategy: the spec's strategy changed
    };
  }

  @Override
  RolloutDecision promote(ReleaseContext ctx) {
    if (CANARY_STEP.equals(ctx.state().step())) {
      return promotion.promote(ctx, "the sluice.dev/promote annotation", Promotion.DRAIN);
    }
    return progress(ctx); // not ready yet, or promoted already
  }

  @Override
  boolean analysesCurrentStep(ReleaseContext ctx) {
    return CANARY_STEP.equals(ctx.state().step()) && analysed(ctx, ctx.state().stepIndex());
  }

  private RolloutDecision enterStep(ReleaseContext ctx, int index) {
    CanaryStep step = steps(ctx).get(index);
    ctx.event(
        false,
        "CanaryStepAdvanced",
        "step "
            + (index + 1)
            + "/"
            + steps(ctx).size()
            + ": "
            + step.getWeight()
            + "% of requests to version "
            + ctx.candidate()
            + ", the rest to version "
            + ctx.stable());
    ReleaseContext entered = ctx.with(ctx.enter(CANARY_STEP, index, step.getWeight()));
    if (analysed(entered, index)) {
      entered.startAnalysisWindow();
    }
    return entered.decide(entered.state(), plan(entered), pause(step));
  }

  private RolloutDecision canaryStep(ReleaseContext ctx) {
    int index = ctx.state().stepIndex() == null ? 0 : ctx.state().stepIndex();
    if (index >= steps(ctx).size()) {
      // The spec lost steps since this one began: the ones left are done.
      return promotion.promote(ctx, "no canary step left", Promotion.DRAIN);
    }
    Duration pause = pause(steps(ctx).get(index));
    if (pause == null) {
      return ctx.stay(plan(ctx), null); // held until the promote annotation
    }
    Duration left = ctx.remaining(pause);
    if (!left.isZero()) {
      return ctx.stay(plan(ctx), left);
    }
    if (!analysed(ctx, index)) {
      return advance(ctx, index);
    }
    StepAnalysis.Result result =
        StepAnalysis.run(ctx, pause, ReleaseContext.interval(ctx.analysis()));
    ReleaseContext judged =
        result.analysis() == null ? ctx : ctx.with(ctx.withAnalysis(result.analysis()));
    return switch (result.outcome()) {
      case WAIT, INCONCLUSIVE -> judged.stay(plan(judged), result.requeueAfter());
      case PASS -> advance(judged, index);
      case FAIL -> {
        judged.event(
            true, "AnalysisFailed", "step " + (index + 1) + ": " + result.analysis().getMessage());
        yield abort(judged, "analysis: " + result.analysis().getMessage());
      }
    };
  }

  private RolloutDecision advance(ReleaseContext ctx, int index) {
    if (index + 1 < steps(ctx).size()) {
      return enterStep(ctx, index + 1);
    }
    return promotion.promote(ctx, "the last canary step passed", Promotion.DRAIN);
  }

  @Override
  ServingPlan plan(ReleaseContext ctx) {
    if (Promotion.SCALE_DOWN_PREVIOUS.equals(ctx.state().step())) {
      return promotion.plan(ctx);
    }
    int weight = ctx.state().candidateWeight() == null ? 0 : ctx.state().candidateWeight();
    return new ServingPlan(
        ctx.serving(ctx.stable(), ctx.candidate()),
        false,
        new TrafficSplit(ctx.stable(), ctx.candidate(), weight, 0),
        null);
  }

  private static boolean analysed(ReleaseContext ctx, Integer index) {
    List<CanaryStep> steps = steps(ctx);
    return ctx.analysis() != null
        && index != null
        && index < steps.size()
        && !Boolean.FALSE.equals(steps.get(index).getAnalysis());
  }

  private static Duration pause(CanaryStep step) {
    return step.getPause() == null ? null : Durations.parse(step.getPause());
  }

  private static List<CanaryStep> steps(ReleaseContext ctx) {
    return ctx.spec().getRelease().getCanary().getSteps();
  }
}
