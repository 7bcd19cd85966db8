package dev.sluice.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.AnalysisResult;
import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.ShadowSpec;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ThresholdsTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private static Thresholds thresholds(Integer maxP99, ShadowSpec shadow) {
    AnalysisSpec spec = new AnalysisSpec();
    spec.setMinRequests(100);
    spec.setMaxErrorRate(0.01);
    spec.setMaxP99LatencyMs(maxP99);
    return new Thresholds(spec, shadow);
  }

  @Test
  void tooFewRequestsIsInconclusiveWhateverTheErrors() {
    AnalysisResult r = thresholds(null, null).judge("2", new WindowMetrics(99, 99, 3.0, 0, 0), NOW);

    assertThat(r.getVerdict()).isEqualTo("Inconclusive");
    assertThat(r.getMessage()).contains("99 requests").contains("minRequests 100");
    assertThat(r.getRequests()).isEqualTo(99);
    assertThat(r.getTime()).isEqualTo("2026-11-21T10:00:00Z");
  }

  @Test
  void anErrorRateAboveTheMaximumFails() {
    AnalysisResult r =
        thresholds(null, null).judge("2", new WindowMetrics(1000, 11, 3.0, 0, 0), NOW);

    assertThat(r.getVerdict()).isEqualTo("Fail");
    assertThat(r.getErrorRate()).isEqualTo(0.011);
    assertThat(r.getMessage())
        .isEqualTo("error rate 0.011 > maxErrorRate 0.01 over 1000 requests to version 2");
  }

  @Test
  void theErrorRateAtTheMaximumPasses() {
    AnalysisResult r =
        thresholds(null, null).judge("2", new WindowMetrics(1000, 10, 3.0, 0, 0), NOW);

    assertThat(r.getVerdict()).isEqualTo("Pass");
    assertThat(r.getMessage()).startsWith("error rate 0.01 ≤ maxErrorRate 0.01");
  }

  @Test
  void aSlowP99FailsAndAMissingOneIsInconclusive() {
    Thresholds t = thresholds(50, null);

    AnalysisResult slow = t.judge("2", new WindowMetrics(500, 0, 72.5, 0, 0), NOW);
    assertThat(slow.getVerdict()).isEqualTo("Fail");
    assertThat(slow.getMessage()).contains("p99 latency 72.5 ms > maxP99LatencyMs 50");

    AnalysisResult fast = t.judge("2", new WindowMetrics(500, 0, 12.0, 0, 0), NOW);
    assertThat(fast.getVerdict()).isEqualTo("Pass");
    assertThat(fast.getMessage()).contains("p99 latency 12 ms ≤ maxP99LatencyMs 50");

    assertThat(t.judge("2", new WindowMetrics(500, 0, null, 0, 0), NOW).getVerdict())
        .isEqualTo("Inconclusive");
  }

  @Test
  void shadowDisagreementAboveTheMaximumFails() {
    ShadowSpec shadow = new ShadowSpec();
    shadow.setMaxDisagreementRate(0.05);
    Thresholds t = thresholds(null, shadow);

    AnalysisResult r = t.judge("2", new WindowMetrics(400, 0, 2.0, 400, 21), NOW);
    assertThat(r.getVerdict()).isEqualTo("Fail");
    assertThat(r.getDisagreementRate()).isEqualTo(0.0525);
    assertThat(r.getMessage())
        .contains("disagreement rate 0.0525 > maxDisagreementRate 0.05 over 400 compared");

    AnalysisResult ok = t.judge("2", new WindowMetrics(400, 0, 2.0, 400, 20), NOW);
    assertThat(ok.getVerdict()).isEqualTo("Pass");
    assertThat(ok.getMessage()).contains("disagreement rate 0.05 ≤ maxDisagreementRate 0.05");

    assertThat(t.judge("2", new WindowMetrics(400, 0, 2.0, 0, 0), NOW).getVerdict())
        .isEqualTo("Inconclusive");
  }

  @Test
  void errorsAreJudgedBeforeDisagreement() {
    ShadowSpec shadow = new ShadowSpec();
    AnalysisResult r =
        thresholds(null, shadow).judge("2", new WindowMetrics(400, 400, null, 0, 0), NOW);

    assertThat(r.getVerdict()).isEqualTo("Fail");
    assertThat(r.getMessage()).contains("maxErrorRate");
  }

  @Test
  void aPrometheusErrorRateIsJudgedAlone() {
    Thresholds t = thresholds(50, null);

    AnalysisResult r = t.judgeErrorRate("2", 0.2, "q", NOW);
    assertThat(r.getVerdict()).isEqualTo("Fail");
    assertThat(r.getMessage()).contains("error rate 0.2 > maxErrorRate 0.01");
    assertThat(t.judgeErrorRate("2", 0.001, "q", NOW).getVerdict()).isEqualTo("Pass");
  }
}
