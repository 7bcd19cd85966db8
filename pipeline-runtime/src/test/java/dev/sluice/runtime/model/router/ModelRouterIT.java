package dev.sluice.runtime.model.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.model.FlightInputs;
import dev.sluice.runtime.model.RunningStage;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real model servers (flight-delay v1 and v2 from the registry fixture) behind a real router.
 */
class ModelRouterIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INFER = "/v2/models/flight-delay/infer";

  @TempDir static Path dir;
  private static RunningStage v1;
  private static RunningStage v2;
  private static Vertx stallVertx;
  private static HttpServer stalling;

  @BeforeAll
  static void startServers() throws Exception {
    v1 = server("1");
    v2 = server("2");
    // A candidate that accepts requests and never answers: the worst shadow there is.
    stallVertx = Vertx.vertx();
    stalling =
        stallVertx
            .createHttpServer()
            .requestHandler(req -> {})
            .listen(0)
            .toCompletionStage()
            .toCompletableFuture()
            .get();
    for (RunningStage s : List.of(v1, v2)) {
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> s.get("/v2/health/ready").statusCode() == 200);
    }
  }

  @AfterAll
  static void stopServers() {
    v1.close();
    v2.close();
    stallVertx.close();
  }

  @Test
  void splitsRequestsByWeight() throws Exception {
    try (RunningStage router = router(v2.url(), 30, null)) {
      int n = 600;
      int candidate = 0;
      for (int i = 0; i < n; i++) {
        HttpResponse<String> r =
            router.post(INFER, FlightInputs.request(FlightInputs.ATL_LAX_EVENING));
        assertThat(r.statusCode()).isEqualTo(200);
        String version = JSON.readTree(r.body()).path("model_version").asText();
        assertThat(r.headers().firstValue("sluice-model-version")).contains(version);
        candidate += version.equals("2") ? 1 : 0;
      }
      // 30% of 600: standard deviation 1.9 points, so ±7 points is 3.7 sigma.
      assertThat(candidate / (double) n).isBetween(0.23, 0.37);
      String metrics = router.get("/metrics").body();
      assertThat(counter(metrics, "sluice_router_requests_total", "variant=\"candidate\""))
          .isEqualTo(candidate);
      assertThat(counter(metrics, "sluice_router_requests_total", "variant=\"stable\""))
          .isEqualTo(n - candidate);

      // The same numbers as JSON for rollout analysis, with cumulative latency buckets.
      JsonNode stats = JSON.readTree(router.get("/router/stats").body());
      assertThat(stats.path("model").asText()).isEqualTo("flight-delay");
      JsonNode canary = variant(stats, "candidate", "2");
      assertThat(canary.path("requests").path("ok").asLong()).isEqualTo(candidate);
      assertThat(canary.path("requests").path("error").asLong()).isZero();
      JsonNode latency = canary.path("latency");
      assertThat(latency.path("count").asLong()).isEqualTo(candidate);
      assertThat(latency.path("le").size()).isEqualTo(latency.path("counts").size()).isPositive();
      long previous = 0;
      for (int i = 0; i < latency.path("counts").size(); i++) {
        long c = latency.path("counts").get(i).asLong();
        assertThat(c).as("cumulative bucket counts").isGreaterThanOrEqualTo(previous);
        previous = c;
      }
      assertThat(previous).as("every request is under the last bound (30 s)").isEqualTo(candidate);
      assertThat(variant(stats, "stable", "1").path("requests").path("ok").asLong())
          .isEqualTo(n - candidate);
    }
  }

  private static JsonNode variant(JsonNode stats, String variant, String version) {
    for (JsonNode v : stats.path("variants")) {
      if (v.path("variant").asText().equals(variant)
          && v.path("version").asText().equals(version)) {
        return v;
      }
    }
    throw new AssertionError("no " + variant + " " + version + " in " + stats);
  }

  @Test
  void shadowRecordsDisagreementAndNeverChangesAnswers() throws Exception {
    try (RunningStage router = router(v2.url(), 0, "mirrorPercent: 100, tolerance: 0.05")) {
      AnswerComparator comparator = new AnswerComparator(0.05);
      Random random = new Random(7);
      int n = 150;
      int expectedDisagreements = 0;
      for (int i = 0; i < n; i++) {
        String request =
            FlightInputs.request(FlightInputs.random(random), FlightInputs.random(random));
        HttpResponse<String> routed = router.post(INFER, request);
        String direct1 = v1.post(INFER, request).body();
        String direct2 = v2.post(INFER, request).body();
        assertThat(routed.statusCode()).isEqualTo(200);
        assertThat(routed.headers().firstValue("sluice-variant")).contains("stable");
        assertThat(routed.body()).isEqualTo(direct1);
        expectedDisagreements +=
            comparator.compare(direct1.getBytes(), direct2.getBytes()) == ShadowComparison.disagree
                ? 1
                : 0;
      }
      int expected = expectedDisagreements;
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                String metrics = router.get("/metrics").body();
                assertThat(
                        counter(
                            metrics,
                            "sluice_router_shadow_comparisons_total",
                            "result=\"disagree\""))
                    .isEqualTo(expected);
                assertThat(
                        counter(
                            metrics, "sluice_router_shadow_comparisons_total", "result=\"agree\""))
                    .isEqualTo(n - expected);
              });
      // Both versions predict "on-time" for nearly every flight (argmax agrees), but their
      // probabilities differ by more than 0.05 on many.
      assertThat(expected).as("v1 and v2 disagree on some random flights").isPositive();
      String metrics = router.get("/metrics").body();
      assertThat(metrics).contains("sluice_router_shadow_disagreement_ratio{");
      assertThat(counter(metrics, "sluice_router_requests_total", "variant=\"shadow\""))
          .isEqualTo(n);
      JsonNode shadow = JSON.readTree(router.get("/router/stats").body()).path("shadow").get(0);
      assertThat(shadow.path("version").asText()).isEqualTo("2");
      assertThat(shadow.path("disagree").asLong()).isEqualTo(expected);
      assertThat(shadow.path("agree").asLong()).isEqualTo(n - expected);
      assertThat(shadow.path("error").asLong()).isZero();
      assertThat(shadow.path("dropped").asLong()).isZero();
    }
  }

  @Test
  void aStallingShadowNeitherSlowsNorFailsThePrimaryPath() throws Exception {
    String stallUrl = "http://localhost:" + stalling.actualPort();
    try (RunningStage router =
        router(stallUrl, 0, "{mirrorPercent: 100, maxInFlight: 4, timeoutMs: 60000}")) {
      String request = FlightInputs.request(FlightInputs.ORD_LGA_MORNING);
      String direct = v1.post(INFER, request).body();
      java.net.http.HttpClient client =
          java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      for (int i = 0; i < 40; i++) {
        // Each answer must come while the shadow copies hang for a minute.
        HttpResponse<String> r =
            client.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(router.url() + INFER))
                    .timeout(Duration.ofSeconds(10))
                    .header("content-type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(direct);
      }
      String metrics = router.get("/metrics").body();
      assertThat(counter(metrics, "sluice_router_shadow_dropped_total", "model=")).isEqualTo(36);
      assertThat(counter(metrics, "sluice_router_requests_total", "variant=\"stable\""))
          .isEqualTo(40);
    }
  }

  @Test
  void aFailingShadowIsCountedAsErrorAndTheClientNeverSeesIt() throws Exception {
    try (RunningStage router = router("http://localhost:1", 0, "mirrorPercent: 100")) {
      for (int i = 0; i < 10; i++) {
        HttpResponse<String> r =
            router.post(INFER, FlightInputs.request(FlightInputs.ATL_LAX_EVENING));
        assertThat(r.statusCode()).isEqualTo(200);
      }
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(
                          counter(
                              router.get("/metrics").body(),
                              "sluice_router_shadow_comparisons_total",
                              "result=\"error\""))
                      .isEqualTo(10));
    }
  }

  @Test
  void reloadsWeightsWhenItsFileChangesAndKeepsThemOnABadFile() throws Exception {
    try (RunningStage router = router(v2.url(), 0, null)) {
      String request = FlightInputs.request(FlightInputs.ATL_LAX_EVENING);
      assertThat(version(router.post(INFER, request))).isEqualTo("1");
      Files.writeString(router.configFile(), routerYaml(v2.url(), 100, null));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> version(router.post(INFER, request)).equals("2"));
      JsonNode split = JSON.readTree(router.get("/router/stats").body()).path("split");
      assertThat(split.path("candidateWeight").asInt()).isEqualTo(100);
      assertThat(split.path("stable").asText()).isEqualTo("1");
      assertThat(split.path("candidate").asText()).isEqualTo("2");
      assertThat(split.path("mirrorPercent").asInt()).isZero();
      Files.writeString(router.configFile(), routerYaml(v2.url(), 170, null));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  counter(
                          router.get("/metrics").body(),
                          "sluice_router_config_reload_failures_total",
                          "")
                      == 1);
      for (int i = 0; i < 20; i++) {
        assertThat(version(router.post(INFER, request))).isEqualTo("2");
      }
    }
  }

  @Test
  void refusesAnotherModelAndAnOversizedBody() throws Exception {
    try (RunningStage router = router(v2.url(), 0, null)) {
      assertThat(router.post("/v2/models/other/infer", "{}").statusCode()).isEqualTo(404);
      assertThat(router.post(INFER, "{\"x\":\"" + "a".repeat(5000) + "\"}").statusCode())
          .isEqualTo(413);
      // The model server's 400 reaches the client unchanged.
      HttpResponse<String> bad = router.post(INFER, "{\"inputs\":[]}");
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("inputs is required");
    }
  }

  private static String version(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body()).path("model_version").asText();
  }

  private static RunningStage server(String version) throws Exception {
    return RunningStage.start(
        "model-server",
        dir,
        """
        deployment: flight-delay-%s
        server:
          model: flight-delay
          version: "%s"
          registry:
            directory: %s
        """
            .formatted(version, version, RunningStage.fixtureRegistry()),
        Map.of());
  }

  private static RunningStage router(String candidateUrl, int weight, String shadow)
      throws Exception {
    return RunningStage.start(
        "model-router", dir, routerYaml(candidateUrl, weight, shadow), Map.of());
  }

  private static String routerYaml(String candidateUrl, int weight, String shadow) {
    return """
        deployment: flight-delay
        router:
          model: flight-delay
          stable: {version: "1", url: "%s"}
          candidate: {version: "2", url: "%s"}
          candidateWeight: %d
          maxRequestBytes: 4096
        """
            .formatted(v1.url(), candidateUrl, weight)
        + (shadow == null
            ? ""
            : "  shadow: " + (shadow.startsWith("{") ? shadow : "{" + shadow + "}") + "\n");
  }

  /** Sum of the samples of a counter whose labels contain {@code label}. */
  static long counter(String metrics, String name, String label) {
    long sum = 0;
    Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} ([0-9.eE+-]+)$").matcher(metrics);
    while (m.find()) {
      if (m.group(1).contains(label)) {
        sum += (long) Double.parseDouble(m.group(2));
      }
    }
    return sum;
  }
}
