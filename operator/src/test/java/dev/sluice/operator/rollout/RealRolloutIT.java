package dev.sluice.operator.rollout;

import static dev.sluice.operator.rollout.ReleaseDriver.step;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.RolloutPhase;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real rollouts with real processes: two model servers (flight-delay v1 and v2 from the runtime's
 * registry fixture) and a model router, each a child JVM started as a pod would start it, and a
 * "version 3" that is a real HTTP server answering every inference with 500. {@link LiveRollout}
 * runs the real state machine with the real router analysis and applies each split by rewriting the
 * router's file; clients send real flight rows ({@link FlightRequests}) at a steady rate
 * throughout, through the router.
 */
class RealRolloutIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private static final int REQUESTS_PER_SECOND = 150;
  private static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(90);

  @TempDir static Path dir;
  private static StageProcess v1;
  private static StageProcess v2;
  private static StageProcess router;
  private static HttpServer broken;
  private static Map<String, String> urls;
  private static List<String> flights;

  @BeforeAll
  static void startProcesses() throws Exception {
    Path registry = copyRegistryFixture(dir.resolve("models"));
    v1 = StageProcess.start("model-server", "flight-delay-1", dir, serverYaml("1", registry));
    v2 = StageProcess.start("model-server", "flight-delay-2", dir, serverYaml("2", registry));
    broken = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    broken.createContext(
        "/",
        exchange -> {
          boolean health = exchange.getRequestURI().getPath().startsWith("/v2/health");
          byte[] body =
              (health ? "{}" : "{\"error\":\"model version 3 cannot run this graph\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getRequestBody().readAllBytes();
          exchange.getResponseHeaders().add("content-type", "application/json");
          exchange.sendResponseHeaders(health ? 200 : 500, body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    broken.start();
    urls =
        Map.of(
            "1", v1.url(),
            "2", v2.url(),
            "3", "http://127.0.0.1:" + broken.getAddress().getPort());
    String routerYaml =
        RouterConfigs.yaml(
            RouterConfigs.render(
                "flight-delay", "flight-delay", ServingPlan.TrafficSplit.allTo("1"), urls, null));
    router = StageProcess.start("model-router", "router", dir, routerYaml);
    flights = FlightRequests.load();
  }

  @AfterAll
  static void stopProcesses() throws Exception {
    for (StageProcess p : new StageProcess[] {router, v1, v2}) {
      if (p != null) {
        p.close();
      }
    }
    if (broken != null) {
      broken.stop(0);
    }
  }

  @Test
  void aHealthyCanaryIsPromotedStepByStep() throws Exception {
    ModelDeploymentSpec spec = spec(ReleaseStrategy.Canary);
    spec.getRelease().getCanary().setSteps(List.of(step(20, "4s", true), step(50, "4s", true)));
    try (LiveRollout rollout = stableOn1(spec);
        ClientLoad load = new ClientLoad(router.url(), flights, REQUESTS_PER_SECOND)) {
      rollout.want("2");

      int[] weights = {20, 50};
      for (int i = 0; i < weights.length; i++) {
        int index = i;
        awaitState(rollout, s -> "CanaryStep".equals(s.step()) && s.stepIndex() == index);
        JsonNode start =
            awaitSplit(split -> split.path("candidateWeight").asInt() == weights[index]);
        awaitState(rollout, s -> !"CanaryStep".equals(s.step()) || s.stepIndex() != index);
        JsonNode end = stats();
        long toCandidate = okCount(end, "candidate", "2") - okCount(start, "candidate", "2");
        long toStable = okCount(end, "stable", "1") - okCount(start, "stable", "1");
        double n = toCandidate + toStable;
        double share = toCandidate / n;
        double p = weights[index] / 100.0;
        // 4 standard deviations of a binomial share, plus the ≤1 s the router takes to reload.
        double slack = 4 * Math.sqrt(p * (1 - p) / n) + 0.05;
        assertThat(n).as("requests during step %d", index + 1).isGreaterThan(100);
        assertThat(share)
            .as("share of step %d answered by version 2 (router metrics)", index + 1)
            .isBetween(p - slack, p + slack);
      }
      awaitState(rollout, s -> s.phase() == RolloutPhase.Healthy && "2".equals(s.stableVersion()));
      long switched = System.nanoTime();
      awaitSplit(
          split -> split.path("stable").asText().equals("2") && split.path("candidate").isNull());
      await().atMost(RELEASE_TIMEOUT).until(() -> load.sentAfter(switched).size() >= 100);
      load.close();

      assertThat(load.sentAfter(switched)).extracting(ClientLoad.Answer::version).containsOnly("2");
      assertThat(load.answers()).noneMatch(ClientLoad.Answer::failed);
      assertThat(rollout.state().lastAnalysis().getVerdict()).isEqualTo("Pass");
      assertThat(rollout.state().lastAnalysis().getRequests()).isPositive();
      assertThat(rollout.events.stream().map(RolloutEvent::reason).toList())
          .containsSubsequence(
              "ReleaseStarted",
              "CanaryStepAdvanced",
              "CanaryStepAdvanced",
              "Promoted",
              "ReleaseCompleted");
    }
  }

  @Test
  void aBrokenCanaryIsAbortedAndOnlyItsShareOfRequestsFailed() throws Exception {
    ModelDeploymentSpec spec = spec(ReleaseStrategy.Canary);
    spec.getRelease().getCanary().setSteps(List.of(step(20, "3s", true), step(50, "3s", true)));
    try (LiveRollout rollout = stableOn1(spec);
        ClientLoad load = new ClientLoad(router.url(), flights, REQUESTS_PER_SECOND)) {
      awaitSplit(split -> split.path("candidate").isNull());
      long released = System.nanoTime();
      rollout.want("3");

      awaitState(rollout, s -> s.phase() == RolloutPhase.RolledBack);
      awaitSplit(split -> split.path("candidateWeight").asInt() == 0);
      long abortApplied = System.nanoTime();
      await().atMost(RELEASE_TIMEOUT).until(() -> load.sentAfter(abortApplied).size() >= 300);
      load.close();

      List<ClientLoad.Answer> failingStep = new ArrayList<>(load.sentAfter(released));
      failingStep.removeIf(a -> a.sentNanos() - abortApplied > 0);
      long failures = failingStep.stream().filter(ClientLoad.Answer::failed).count();
      double n = failingStep.size();
      assertThat(failures).as("the broken candidate answered some requests").isPositive();
      assertThat(failures)
          .as("failed requests of %d sent during the failing step", (long) n)
          .isLessThanOrEqualTo((long) (0.2 * n + 4 * Math.sqrt(n * 0.2 * 0.8)));
      assertThat(failingStep.stream().filter(ClientLoad.Answer::failed))
          .allMatch(a -> a.status() == 500 && "candidate".equals(a.variant()));
      assertThat(load.sentAfter(abortApplied)).noneMatch(ClientLoad.Answer::failed);
      assertThat(load.answers().stream().filter(a -> a.sentNanos() - released < 0))
          .noneMatch(ClientLoad.Answer::failed);

      RolloutState state = rollout.state();
      assertThat(state.stableVersion()).isEqualTo("1");
      assertThat(state.rolledBackVersion()).isEqualTo("3");
      assertThat(state.candidateWeight()).isZero();
      assertThat(state.lastAnalysis().getVerdict()).isEqualTo("Fail");
      assertThat(state.lastAnalysis().getMessage()).contains("maxErrorRate");
      assertThat(rollout.events)
          .filteredOn(RolloutEvent::warning)
          .extracting(RolloutEvent::reason)
          .containsExactly("AnalysisFailed", "Aborted", "RolledBack");
    }
  }

  @Test
  void shadowRecordsDisagreementAndNeverChangesAnAnswer() throws Exception {
    List<String> direct1 = new ArrayList<>();
    int expectedDisagreements = 0;
    for (String flight : flights) {
      String a1 = post(v1.url(), flight);
      String a2 = post(v2.url(), flight);
      direct1.add(a1);
      expectedDisagreements += differ(a1, a2, 0.05) ? 1 : 0;
    }
    double expectedRate = expectedDisagreements / (double) flights.size();
    assertThat(expectedRate).as("v2's disagreement with v1 on these flights").isGreaterThan(0.05);
    ModelDeploymentSpec spec = spec(ReleaseStrategy.Shadow);
    spec.getRelease().getShadow().setMirrorPercent(100);
    spec.getRelease().getShadow().setTolerance(0.05);
    // v2 differs from v1 by more than 0.05 on about 7 % of these flights: far enough above 2 % for
    // the verdict not to depend on which 400+ requests the window holds.
    spec.getRelease().getShadow().setMaxDisagreementRate(0.02);
    spec.getRelease().getShadow().setAutoPromotion(true);
    spec.getAnalysis().setMinRequests(400);
    try (LiveRollout rollout = stableOn1(spec);
        ClientLoad load = new ClientLoad(router.url(), flights, REQUESTS_PER_SECOND)) {
      rollout.want("2");

      awaitState(rollout, s -> s.phase() == RolloutPhase.RolledBack);
      load.close();

      assertThat(load.answers())
          .isNotEmpty()
          .allSatisfy(
              a -> {
                assertThat(a.status()).isEqualTo(200);
                assertThat(a.variant()).isEqualTo("stable");
                assertThat(a.body()).isEqualTo(direct1.get(a.row()));
              });
      JsonNode shadow = stats().path("shadow");
      assertThat(shadow.get(0).path("disagree").asLong()).isPositive();
      assertThat(rollout.state().lastAnalysis().getDisagreementRate())
          .isBetween(expectedRate - 0.1, expectedRate + 0.1);
      assertThat(rollout.state().lastAnalysis().getMessage()).contains("maxDisagreementRate");
    }
  }

  @Test
  void blueGreenSwitchesAllTrafficAtOnce() throws Exception {
    ModelDeploymentSpec spec = spec(ReleaseStrategy.BlueGreen);
    spec.setAnalysis(null);
    spec.getRelease().getBlueGreen().setScaleDownDelay("3s");
    try (LiveRollout rollout = stableOn1(spec);
        ClientLoad load = new ClientLoad(router.url(), flights, REQUESTS_PER_SECOND)) {
      rollout.want("2");
      awaitState(rollout, s -> "AwaitPromotion".equals(s.step()));
      awaitSplit(split -> split.path("candidate").asText().equals("2"));
      long promoted = System.nanoTime();

      rollout.promote();
      awaitSplit(split -> split.path("candidateWeight").asInt() == 100);
      long switched = System.nanoTime();
      await().atMost(RELEASE_TIMEOUT).until(() -> load.sentAfter(switched).size() >= 200);
      awaitState(rollout, s -> s.phase() == RolloutPhase.Healthy && "2".equals(s.stableVersion()));
      load.close();

      assertThat(load.answers().stream().filter(a -> a.sentNanos() - promoted < 0))
          .extracting(ClientLoad.Answer::version)
          .containsOnly("1");
      assertThat(load.sentAfter(switched)).extracting(ClientLoad.Answer::version).containsOnly("2");
      assertThat(load.answers()).noneMatch(ClientLoad.Answer::failed);
      assertThat(rollout.events.stream().map(RolloutEvent::reason).toList())
          .containsSubsequence("ReleaseStarted", "PreviewReady", "Promoted", "ReleaseCompleted");
    }
  }

  /** A spec for model flight-delay at version 1, one replica, analysis every 2 s. */
  private static ModelDeploymentSpec spec(ReleaseStrategy strategy) {
    ModelDeploymentSpec spec = ReleaseDriver.spec(strategy, "1");
    spec.setReplicas(1);
    AnalysisSpec analysis = new AnalysisSpec();
    analysis.setInterval("2s");
    analysis.setMinRequests(50);
    analysis.setMaxErrorRate(0.05);
    analysis.setMaxP99LatencyMs(2000);
    spec.setAnalysis(analysis);
    return spec;
  }

  /** A rollout whose first deploy of version 1 is done and applied by the router. */
  private static LiveRollout stableOn1(ModelDeploymentSpec spec) {
    LiveRollout rollout = new LiveRollout(spec, router, urls);
    awaitState(rollout, s -> s.phase() == RolloutPhase.Healthy && "1".equals(s.stableVersion()));
    awaitSplit(
        split -> split.path("stable").asText().equals("1") && split.path("candidate").isNull());
    return rollout;
  }

  private static void awaitState(LiveRollout rollout, Predicate<RolloutState> condition) {
    await()
        .atMost(RELEASE_TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> condition.test(rollout.state()));
  }

  /** Waits until the router applies a split matching {@code condition}; its stats then. */
  private static JsonNode awaitSplit(Predicate<JsonNode> condition) {
    JsonNode[] seen = new JsonNode[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              seen[0] = stats();
              return condition.test(seen[0].path("split"));
            });
    return seen[0];
  }

  private static JsonNode stats() throws Exception {
    return JSON.readTree(router.get("/router/stats"));
  }

  private static long okCount(JsonNode stats, String variant, String version) {
    for (JsonNode v : stats.path("variants")) {
      if (v.path("variant").asText().equals(variant)
          && v.path("version").asText().equals(version)) {
        return v.path("requests").path("ok").asLong();
      }
    }
    return 0;
  }

  private static String post(String url, String body) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create(url + "/v2/models/flight-delay/infer"))
                .timeout(Duration.ofSeconds(10))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  /** Whether two answers differ by more than {@code tolerance} in any output value. */
  private static boolean differ(String a, String b, double tolerance) throws Exception {
    JsonNode x = JSON.readTree(a).path("outputs").get(0).path("data");
    JsonNode y = JSON.readTree(b).path("outputs").get(0).path("data");
    for (int i = 0; i < x.size(); i++) {
      if (Math.abs(x.get(i).asDouble() - y.get(i).asDouble()) > tolerance) {
        return true;
      }
    }
    return false;
  }

  private static String serverYaml(String version, Path registry) {
    return """
        deployment: flight-delay-%s
        server:
          model: flight-delay
          version: "%s"
          registry:
            directory: %s
        """
        .formatted(version, version, registry);
  }

  /** The runtime's committed registry (flight-delay 1 and 2, production → 1), from its test-jar. */
  private static Path copyRegistryFixture(Path target) throws Exception {
    for (String file :
        List.of(
            "flight-delay/1/model.onnx",
            "flight-delay/1/metadata.json",
            "flight-delay/2/model.onnx",
            "flight-delay/2/metadata.json",
            "flight-delay/aliases/production.json")) {
      Path to = target.resolve(file);
      Files.createDirectories(to.getParent());
      try (InputStream in = RealRolloutIT.class.getResourceAsStream("/model-registry/" + file)) {
        Files.copy(in, to);
      }
    }
    return target;
  }
}
