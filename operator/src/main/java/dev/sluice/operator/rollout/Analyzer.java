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
}
