package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.AnalysisResult;
import dev.sluice.operator.rollout.Analyzer;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * An analyzer built the first time a strategy asks for a verdict or a window start. Building the
 * Router provider's analyzer lists the router pods; most reconciles (a readiness poll, a paused
 * step) never ask, so they make no such call.
 */
final class OnDemandAnalyzer implements Analyzer {
  private final Supplier<Analyzer> build;
  private Analyzer built;

  /**
   * @param build makes the analyzer; called at most once
   */
  OnDemandAnalyzer(Supplier<Analyzer> build) {
    this.build = build;
  }

  @Override
  public AnalysisResult analyze(String candidateVersion, Instant since, Instant now) {
    return analyzer().analyze(candidateVersion, since, now);
  }

  @Override
  public void startWindow(String candidateVersion, Instant start) {
    analyzer().startWindow(candidateVersion, start);
  }

  private Analyzer analyzer() {
    if (built == null) {
      built = build.get();
    }
    return built;
  }
}
