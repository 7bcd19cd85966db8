package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.AnalysisResult;
import java.time.Instant;

/**
 * Judges the candidate against the ModelDeployment's {@code analysis} thresholds (max error rate,
 * max p99 latency, max shadow disagreement, min requests) from the configured provider (the
 * router's per-variant metrics or a Prometheus query). A strategy calls it when its state wants a
 * verdict; it must answer within a few seconds (an unreachable provider gives {@code Inconclusive}
 * with the cause in {@code message}, never an exception or a long wait).
 */
public interface Analyzer {
  /**
   * Analyses the candidate's traffic between {@code since} and {@code now}.
   *
   * @param candidateVersion the version under analysis
   * @param since start of the window (usually the step's {@link RolloutState#stepSince()})
   * @param now end of the window
   * @return the result: verdict {@code Pass}, {@code Fail} or {@code Inconclusive}, its numbers and
   *     a message naming the threshold that decided it; {@code time} = {@code now}
   */
  AnalysisResult analyze(String candidateVersion, Instant since, Instant now);

  /**
   * Marks the start of an analysis window: a strategy calls it when it enters a state whose verdict
   * will be asked for with {@code since} = {@code start}. Providers that judge differences of
   * cumulative counters (the router's) take their baseline here; others need nothing. Must not
   * block for more than a few seconds nor throw.
   *
   * @param candidateVersion the version that will be analysed
   * @param start the window's start (the state's {@link RolloutState#stepSince()})
   */
  default void startWindow(String candidateVersion, Instant start) {}
}
