package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.AnalysisResult;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * When an analysed state asks for a verdict, and what the answer means. The window always starts at
 * the state's {@code stepSince} and grows until a verdict: the first analysis is due {@code
 * firstAfter} into the state, and after an Inconclusive one every {@code interval}.
 */
final class StepAnalysis {
  /** What the state should do. */
  enum Outcome {
    /** Not due yet: requeue after {@link Result#requeueAfter()}. */
    WAIT,
    PASS,
    FAIL,
    /** Too little data or no metrics: stay, ask again after {@link Result#requeueAfter()}. */
    INCONCLUSIVE
  }

  /**
   * @param analysis the analysis that ran, or null when it was not due
   */
  record Result(Outcome outcome, AnalysisResult analysis, Duration requeueAfter) {}

  private StepAnalysis() {}

  static Result run(ReleaseContext ctx, Duration firstAfter, Duration interval) {
    RolloutState s = ctx.state();
    Instant since = s.stepSince() == null ? ctx.now() : s.stepSince();
    Instant due = since.plus(firstAfter);
    Instant last = time(s.lastAnalysis());
    // An analysis at the state's very start is the one that ended the previous state.
    if (last != null && last.isAfter(since) && last.plus(interval).isAfter(due)) {
      due = last.plus(interval);
    }
    if (ctx.now().isBefore(due)) {
      return new Result(Outcome.WAIT, null, Duration.between(ctx.now(), due));
    }
    AnalysisResult result = ctx.analyze();
    String verdict = result.getVerdict();
    if (Verdicts.PASS.equals(verdict)) {
      return new Result(Outcome.PASS, result, null);
    }
    if (Verdicts.FAIL.equals(verdict)) {
      return new Result(Outcome.FAIL, result, null);
    }
    return new Result(Outcome.INCONCLUSIVE, result, interval);
  }

  private static Instant time(AnalysisResult result) {
    if (result == null || result.getTime() == null) {
      return null;
    }
    try {
      return Instant.parse(result.getTime());
    } catch (DateTimeException e) {
      return null; // an unreadable time counts as no analysis in this step
    }
  }
}
