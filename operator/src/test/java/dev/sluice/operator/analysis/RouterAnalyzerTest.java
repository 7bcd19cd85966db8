package dev.sluice.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.sluice.api.v1alpha1.AnalysisResult;
import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.ShadowSpec;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The router analyzer's windows and failure handling, against local HTTP servers answering like a
 * router's {@code /router/stats} (RealRolloutIT reads real routers).
 */
class RouterAnalyzerTest {
  private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private ScriptedHttpServer router;
  private final RouterWindows windows = new RouterWindows();

  @BeforeEach
  void start() throws Exception {
    router = new ScriptedHttpServer();
  }

  @AfterEach
  void stop() {
    router.close();
  }

  private RouterAnalyzer analyzer(List<String> urls, Integer maxP99, ShadowSpec shadow) {
    AnalysisSpec spec = new AnalysisSpec();
    spec.setMinRequests(100);
    spec.setMaxErrorRate(0.05);
    spec.setMaxP99LatencyMs(maxP99);
    return new RouterAnalyzer(
        new RouterStatsClient(HTTP), windows, urls, new Thresholds(spec, shadow));
  }

  private RouterAnalyzer analyzer() {
    return analyzer(List.of(router.url()), null, null);
  }

  /**
   * A stats document: stable version 1 with many requests, candidate version 2 with {@code ok} and
   * {@code errors}, latencies at ≤1, ≤2, ≤5, ≤10 ms cumulative {@code le}.
   */
  static String stats(long ok, long errors, long[] le, long agree, long disagree) {
    return """
        {"model": "flight-delay",
         "variants": [
           {"variant": "stable", "version": "1",
            "requests": {"ok": 99999, "client_error": 0, "error": 999},
            "latency": {"count": 100998, "le": [1, 2, 5, 10], "counts": [0, 0, 0, 100998]}},
           {"variant": "candidate", "version": "2",
            "requests": {"ok": %d, "client_error": 0, "error": %d},
            "latency": {"count": %d, "le": [1.0, 2.0, 5.0, 10.0], "counts": [%d, %d, %d, %d]}}],
         "shadow": [{"version": "2", "agree": %d, "disagree": %d, "error": 0, "dropped": 0}]}
        """
        .formatted(ok, errors, ok + errors, le[0], le[1], le[2], le[3], agree, disagree);
  }

  static String stats(long ok, long errors) {
    return stats(ok, errors, new long[] {ok + errors, ok + errors, ok + errors, ok + errors}, 0, 0);
  }

  @Test
  void withoutABaselineItTakesOneAndJudgesFromThereNextTime() {
    RouterAnalyzer analyzer = analyzer();
    router.answer(200, stats(1000, 0));

    AnalysisResult first = analyzer.analyze("2", T0, T0.plusSeconds(60));
    assertThat(first.getVerdict()).isEqualTo("Inconclusive");
    assertThat(first.getMessage()).contains("no router metrics snapshot since " + T0);

    router.answer(200, stats(1298, 2));
    AnalysisResult second = analyzer.analyze("2", T0, T0.plusSeconds(120));
    assertThat(second.getVerdict()).isEqualTo("Pass");
    assertThat(second.getRequests()).isEqualTo(300);
    assertThat(second.getErrorRate()).isCloseTo(2 / 300.0, within(1e-9));
    assertThat(second.getTime()).isEqualTo(T0.plusSeconds(120).toString());
  }

  @Test
  void startWindowTakesTheBaselineSoTheFirstAnalysisJudgesTheWholeStep() {
    RouterAnalyzer analyzer = analyzer();
    router.answer(200, stats(500, 0));
    analyzer.startWindow("2", T0);

    router.answer(200, stats(700, 50));
    AnalysisResult r = analyzer.analyze("2", T0, T0.plusSeconds(60));

    assertThat(r.getVerdict()).isEqualTo("Fail");
    assertThat(r.getRequests()).isEqualTo(250);
    assertThat(r.getMessage()).contains("error rate 0.2 > maxErrorRate 0.05 over 250 requests");
  }

  @Test
  void aSnapshotBeforeTheWindowIsNoBaseline() {
    RouterAnalyzer analyzer = analyzer();
    router.answer(200, stats(500, 0));
    analyzer.startWindow("2", T0);

    AnalysisResult r = analyzer.analyze("2", T0.plusSeconds(1), T0.plusSeconds(60));

    assertThat(r.getVerdict()).isEqualTo("Inconclusive");
  }

  @Test
  void aRouterWhoseCountersWentDownRestartedAndItsCountersAreTheWindow() {
    RouterAnalyzer analyzer = analyzer();
    router.answer(200, stats(5000, 10));
    analyzer.startWindow("2", T0);

    router.answer(200, stats(150, 0));
    AnalysisResult r = analyzer.analyze("2", T0, T0.plusSeconds(60));

    assertThat(r.getVerdict()).isEqualTo("Pass");
    assertThat(r.getRequests()).isEqualTo(150);
  }

  @Test
  void p99ComesFromTheWindowsBucketsOnly() {
    RouterAnalyzer analyzer = analyzer(List.of(router.url()), 4, null);
    // Before: 1000 fast requests (≤ 1 ms).
    router.answer(200, stats(1000, 0, new long[] {1000, 1000, 1000, 1000}, 0, 0));
    analyzer.startWindow("2", T0);
    // In the window: 200 requests, 20 of them between 5 and 10 ms.
    router.answer(200, stats(1200, 0, new long[] {1100, 1180, 1180, 1200}, 0, 0));

    AnalysisResult r = analyzer.analyze("2", T0, T0.plusSeconds(60));

    assertThat(r.getVerdict()).isEqualTo("Fail");
    assertThat(r.getP99LatencyMs()).isCloseTo(5 + 5 * 18.0 / 20, within(1e-9));
    assertThat(r.getMessage()).contains("maxP99LatencyMs 4");
  }

  @Test
  void shadowAnswersCountAsTheCandidatesRequestsWithTheirDisagreement() {
    ShadowSpec shadow = new ShadowSpec();
    shadow.setMaxDisagreementRate(0.05);
    RouterAnalyzer analyzer = analyzer(List.of(router.url()), null, shadow);
    String before =
        """
        {"model": "m", "variants": [
          {"variant": "shadow", "version": "2", "requests": {"ok": 0, "client_error": 0, "error": 0},
           "latency": {"count": 0, "le": [1], "counts": [0]}}],
         "shadow": [{"version": "2", "agree": 0, "disagree": 0, "error": 0, "dropped": 0}]}
        """;
    router.answer(200, before);
    analyzer.startWindow("2", T0);
    router.answer(
        200,
        before
            .replace("\"ok\": 0", "\"ok\": 200")
            .replace(
                "\"count\": 0, \"le\": [1], \"counts\": [0]",
                "\"count\": 200, \"le\": [1], \"counts\": [200]")
            .replace("\"agree\": 0, \"disagree\": 0", "\"agree\": 180, \"disagree\": 20"));

    AnalysisResult r = analyzer.analyze("2", T0, T0.plusSeconds(60));

    assertThat(r.getVerdict()).isEqualTo("Fail");
    assertThat(r.getRequests()).isEqualTo(200);
    assertThat(r.getDisagreementRate()).isEqualTo(0.1);
  }

  @Test
  void routersAreSummed() throws Exception {
    try (ScriptedHttpServer second = new ScriptedHttpServer()) {
      RouterAnalyzer analyzer = analyzer(List.of(router.url(), second.url()), null, null);
      router.answer(200, stats(100, 0));
      second.answer(200, stats(100, 0));
      analyzer.startWindow("2", T0);
      router.answer(200, stats(160, 0));
      second.answer(200, stats(150, 10));

      AnalysisResult r = analyzer.analyze("2", T0, T0.plusSeconds(60));

      assertThat(r.getRequests()).isEqualTo(120);
      assertThat(r.getErrorRate()).isCloseTo(10 / 120.0, within(1e-9));
      assertThat(r.getVerdict()).isEqualTo("Fail");
    }
  }

  @Test
  void anUnreachableRouterIsInconclusiveNamingIt() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    router.answer(200, stats(100, 0));
    RouterAnalyzer analyzer = analyzer(List.of(router.url(), url), null, null);

    AnalysisResult r = analyzer.analyze("2", T0, T0.plusSeconds(60));

    assertThat(r.getVerdict()).isEqualTo("Inconclusive");
    assertThat(r.getMessage()).contains("router " + url + " unreachable").contains("Connect");
  }

  @Test
  void aStalledRouterIsInconclusiveWithinTheTimeout() {
    router.stall();
    long start = System.nanoTime();

    AnalysisResult r = analyzer().analyze("2", T0, T0.plusSeconds(60));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    assertThat(r.getVerdict()).isEqualTo("Inconclusive");
    assertThat(r.getMessage()).contains(router.url()).contains("unreachable");
  }

  @Test
  void malformedStatsAreInconclusiveNamingWhy() {
    RouterAnalyzer analyzer = analyzer();

    router.answer(200, "{\"variants\": 3");
    assertThat(analyzer.analyze("2", T0, T0).getMessage()).contains("stats unreadable");

    router.answer(200, "{\"model\": \"m\"}");
    assertThat(analyzer.analyze("2", T0, T0).getMessage()).contains("not a router stats document");

    router.answer(500, "{}");
    assertThat(analyzer.analyze("2", T0, T0).getMessage()).contains("answered HTTP 500");

    router.answer(
        200,
        "{\"model\":\"m\",\"variants\":[{\"variant\":\"candidate\",\"version\":\"2\","
            + "\"latency\":{\"le\":[1,2],\"counts\":[1]}}],\"shadow\":[]}");
    assertThat(analyzer.analyze("2", T0, T0).getMessage()).contains("differ in length");

    router.answer(200, "{\"pad\": \"" + "x".repeat(RouterStatsClient.MAX_BYTES) + "\"}");
    AnalysisResult big = analyzer.analyze("2", T0, T0);
    assertThat(big.getVerdict()).isEqualTo("Inconclusive");
    assertThat(big.getMessage()).contains("more than " + RouterStatsClient.MAX_BYTES + " bytes");
  }

  @Test
  void noRouterIsInconclusive() {
    assertThat(analyzer(List.of(), null, null).analyze("2", T0, T0).getMessage())
        .contains("no router pod");
  }
}
