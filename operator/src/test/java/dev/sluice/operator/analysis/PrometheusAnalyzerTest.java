package dev.sluice.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.AnalysisResult;
import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.PrometheusAnalysis;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus analyzer against a local HTTP server answering like Prometheus' {@code
 * /api/v1/query} (no real Prometheus runs in the tests).
 */
class PrometheusAnalyzerTest {
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final String QUERY =
      "sum(rate(sluice_router_requests_total{version=\"{{version}}\",outcome=\"error\"}[5m]))"
          + " / sum(rate(sluice_router_requests_total{version=\"{{version}}\"}[5m]))";

  private ScriptedHttpServer prometheus;

  @BeforeEach
  void start() throws Exception {
    prometheus = new ScriptedHttpServer();
  }

  @AfterEach
  void stop() {
    prometheus.close();
  }

  private PrometheusAnalyzer analyzer(String url) {
    PrometheusAnalysis spec = new PrometheusAnalysis();
    spec.setUrl(url);
    spec.setQuery(QUERY);
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setMaxErrorRate(0.01);
    return new PrometheusAnalyzer(HttpClient.newHttpClient(), spec, new Thresholds(analysis, null));
  }

  private static String vector(String... values) {
    StringBuilder series = new StringBuilder();
    for (String v : values) {
      series
          .append(series.isEmpty() ? "" : ",")
          .append("{\"metric\":{},\"value\":[1795255200.0,\"")
          .append(v)
          .append("\"]}");
    }
    return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
        + series
        + "]}}";
  }

  @Test
  void sendsTheQueryWithTheVersionAtTheAnalysisTimeAndJudgesTheNumber() {
    prometheus.answer(200, vector("0.002"));

    AnalysisResult pass = analyzer(prometheus.url() + "/").analyze("2", NOW, NOW);

    assertThat(pass.getVerdict()).isEqualTo("Pass");
    assertThat(pass.getErrorRate()).isEqualTo(0.002);
    var uri = prometheus.requests.getFirst();
    assertThat(uri.getPath()).isEqualTo("/api/v1/query");
    String query = URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
    assertThat(query)
        .contains("version=\"2\",outcome=\"error\"")
        .doesNotContain("{{version}}")
        .endsWith("&time=" + NOW.getEpochSecond());

    prometheus.answer(200, vector("0.05"));
    AnalysisResult fail = analyzer(prometheus.url()).analyze("2", NOW, NOW);
    assertThat(fail.getVerdict()).isEqualTo("Fail");
    assertThat(fail.getMessage()).contains("error rate 0.05 > maxErrorRate 0.01");
  }

  @Test
  void aScalarIsOneNumberToo() {
    prometheus.answer(
        200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"0\"]}}");

    assertThat(analyzer(prometheus.url()).analyze("2", NOW, NOW).getVerdict()).isEqualTo("Pass");
  }

  @Test
  void answersThatAreNotOneNumberAreInconclusiveNamingWhy() {
    PrometheusAnalyzer analyzer = analyzer(prometheus.url());

    prometheus.answer(200, vector());
    assertThat(inconclusive(analyzer)).contains("no series");

    prometheus.answer(200, vector("0.1", "0.2"));
    assertThat(inconclusive(analyzer)).contains("returned 2 series");

    prometheus.answer(200, vector("NaN"));
    assertThat(inconclusive(analyzer)).contains("NaN");

    prometheus.answer(200, vector("-1"));
    assertThat(inconclusive(analyzer)).contains("0..1");

    prometheus.answer(200, vector("abc"));
    assertThat(inconclusive(analyzer)).contains("'abc' is not a number");

    prometheus.answer(
        200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
    assertThat(inconclusive(analyzer)).contains("resultType 'matrix'");

    prometheus.answer(
        400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at 3\"}");
    assertThat(inconclusive(analyzer)).contains("HTTP 400 bad_data: parse error at 3");

    prometheus.answer(502, "<html>bad gateway</html>");
    assertThat(inconclusive(analyzer)).contains("HTTP 502 with a body that is not JSON");

    prometheus.answer(200, "{\"pad\":\"" + "x".repeat(PrometheusAnalyzer.MAX_BYTES) + "\"}");
    assertThat(inconclusive(analyzer)).contains("larger than");
  }

  @Test
  void anUnreachableOrSilentPrometheusIsInconclusive() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    assertThat(inconclusive(analyzer("http://127.0.0.1:" + closedPort))).contains("unreachable");

    prometheus.stall();
    long start = System.nanoTime();
    assertThat(inconclusive(analyzer(prometheus.url()))).contains("unreachable");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
  }

  private static String inconclusive(PrometheusAnalyzer analyzer) {
    AnalysisResult r = analyzer.analyze("2", NOW, NOW);
    assertThat(r.getVerdict()).isEqualTo("Inconclusive");
    assertThat(r.getMessage()).startsWith("Prometheus at ");
    return r.getMessage();
  }
}
