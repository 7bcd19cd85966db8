package dev.sluice.operator.analysis;

import dev.sluice.api.v1alpha1.AnalysisResult;
import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.ShadowSpec;
import dev.sluice.operator.rollout.Verdicts;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;

/**
 * The verdict on a candidate from its numbers, in this order: fewer than {@code minRequests}
 * requests → Inconclusive; error rate above {@code maxErrorRate}, p99 above {@code maxP99LatencyMs}
 * (when set) or shadow disagreement above {@code maxDisagreementRate} (Shadow releases) → Fail;
 * otherwise Pass. The message names the threshold that decided and the numbers.
 */
public final class Thresholds {
  private final int minRequests;
  private final double maxErrorRate;
  private final Integer maxP99LatencyMs;
  private final Double maxDisagreementRate;

  /**
   * @param analysis the ModelDeployment's thresholds (defaults of {@link AnalysisSpec} for unset
   *     fields)
   * @param shadow the Shadow settings when the release is a Shadow one (its {@code
   *     maxDisagreementRate} is judged), else null
   */
  public Thresholds(AnalysisSpec analysis, ShadowSpec shadow) {
    AnalysisSpec defaults = new AnalysisSpec();
    this.minRequests =
        analysis.getMinRequests() == null ? defaults.getMinRequests() : analysis.getMinRequests();
    this.maxErrorRate =
        analysis.getMaxErrorRate() == null
            ? defaults.getMaxErrorRate()
            : analysis.getMaxErrorRate();
    this.maxP99LatencyMs = analysis.getMaxP99LatencyMs();
    this.maxDisagreementRate =
        shadow == null
            ? null
            : shadow.getMaxDisagreementRate() == null
                ? new ShadowSpec().getMaxDisagreementRate()
                : shadow.getMaxDisagreementRate();
  }

  /**
   * Judges a window of router metrics.
   *
   * @param version the candidate version, for the message
   * @param m the candidate's numbers over the window
   * @param now the analysis time ({@code time} of the result)
   * @return the result with the numbers, verdict and message
   */
  public AnalysisResult judge(String version, WindowMetrics m, Instant now) {
    AnalysisResult r = new AnalysisResult();
    r.setTime(now.toString());
    r.setRequests(m.requests());
    r.setErrorRate(m.requests() == 0 ? null : m.errorRate());
    r.setP99LatencyMs(m.p99LatencyMs());
    r.setDisagreementRate(m.disagreementRate());
    String over = " over " + m.requests() + " requests to version " + version;
    if (m.requests() < minRequests) {
      return verdict(
          r,
          Verdicts.INCONCLUSIVE,
          m.requests()
              + " requests to version "
              + version
              + " in the window, fewer than minRequests "
              + minRequests);
    }
    if (m.errorRate() > maxErrorRate) {
      return verdict(
          r,
          Verdicts.FAIL,
          "error rate " + num(m.errorRate()) + " > maxErrorRate " + num(maxErrorRate) + over);
    }
    if (maxP99LatencyMs != null) {
      if (m.p99LatencyMs() == null) {
        return verdict(
            r,
            Verdicts.INCONCLUSIVE,
            "no latency figures for version " + version + " to judge maxP99LatencyMs");
      }
      if (m.p99LatencyMs() > maxP99LatencyMs) {
        return verdict(
            r,
            Verdicts.FAIL,
            "p99 latency "
                + num(m.p99LatencyMs())
                + " ms > maxP99LatencyMs "
                + maxP99LatencyMs
                + over);
      }
    }
    if (maxDisagreementRate != null) {
      if (m.disagreementRate() == null) {
        return verdict(
            r,
            Verdicts.INCONCLUSIVE,
            "no shadow answer of version " + version + " compared yet (maxDisagreementRate)");
      }
      if (m.disagreementRate() > maxDisagreementRate) {
        return verdict(
            r,
            Verdicts.FAIL,
            "disagreement rate "
                + num(m.disagreementRate())
                + " > maxDisagreementRate "
                + num(maxDisagreementRate)
                + " over "
                + m.compared()
                + " compared answers of version "
                + version);
      }
    }
    StringBuilder pass =
        new StringBuilder("error rate ")
            .append(num(m.errorRate()))
            .append(" ≤ maxErrorRate ")
            .append(num(maxErrorRate));
    if (maxP99LatencyMs != null) {
      pass.append(", p99 latency ")
          .append(num(m.p99LatencyMs()))
          .append(" ms ≤ maxP99LatencyMs ")
          .append(maxP99LatencyMs);
    }
    if (maxDisagreementRate != null) {
      pass.append(", disagreement rate ")
          .append(num(m.disagreementRate()))
          .append(" ≤ maxDisagreementRate ")
          .append(num(maxDisagreementRate));
    }
    return verdict(r, Verdicts.PASS, pass.append(over).toString());
  }

  /**
   * Judges an error rate alone (a Prometheus query gives no request count, so {@code minRequests}
   * is the query's business).
   *
   * @param version the candidate version, for the message
   * @param errorRate the query's result, 0..1
   * @param query the query as sent, for the message
   * @param now the analysis time
   */
  public AnalysisResult judgeErrorRate(
      String version, double errorRate, String query, Instant now) {
    AnalysisResult r = new AnalysisResult();
    r.setTime(now.toString());
    r.setErrorRate(errorRate);
    String of = " (version " + version + ", Prometheus query " + query + ")";
    if (errorRate > maxErrorRate) {
      return verdict(
          r,
          Verdicts.FAIL,
          "error rate " + num(errorRate) + " > maxErrorRate " + num(maxErrorRate) + of);
    }
    return verdict(
        r,
        Verdicts.PASS,
        "error rate " + num(errorRate) + " ≤ maxErrorRate " + num(maxErrorRate) + of);
  }

  /** An Inconclusive result with a reason (metrics unreadable, no baseline yet…). */
  static AnalysisResult inconclusive(String message, Instant now) {
    AnalysisResult r = new AnalysisResult();
    r.setTime(now.toString());
    return verdict(r, Verdicts.INCONCLUSIVE, message);
  }

  private static AnalysisResult verdict(AnalysisResult r, String verdict, String message) {
    r.setVerdict(verdict);
    r.setMessage(message);
    return r;
  }

  private static String num(double v) {
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }
}
