package dev.sluice.operator.rollout;

/** The verdicts of an {@link dev.sluice.api.v1alpha1.AnalysisResult} ({@code verdict} field). */
public final class Verdicts {
  /** Every threshold holds over enough requests: the release may go on. */
  public static final String PASS = "Pass";

  /** A threshold is broken: the release is aborted. */
  public static final String FAIL = "Fail";

  /** Not enough data, or the metrics could not be read: ask again later. */
  public static final String INCONCLUSIVE = "Inconclusive";

  private Verdicts() {}
}
