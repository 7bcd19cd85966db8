package dev.sluice.operator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.operator.pipeline.buckets.InMemoryBucketService;
import dev.sluice.operator.pipeline.topics.InMemoryTopicService;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The operator's health and metrics endpoints, on a running operator. */
@EnableKubernetesMockClient(crud = true)
class HealthServerTest {
  KubernetesClient client;

  @Test
  void servesLivenessReadinessAndPrometheusMetrics() throws Exception {
    OperatorHarness.installCrds(client);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SluiceOperator operator =
        new SluiceOperator(
            OperatorHarness.CONFIG,
            client,
            registry,
            new InMemoryTopicService(),
            new InMemoryBucketService(),
            Clock.systemUTC(),
            OperatorHarness.RELEASES);
    try (HealthServer http = new HealthServer(0, operator.runtimeInfo(), registry)) {
      assertThat(get(http, "/health/live").statusCode()).isEqualTo(503);
      operator.start();
      client
          .resource(
              dev.sluice.operator.contract.Contracts.contract(
                  "orders", 1, dev.sluice.operator.contract.Contracts.V1))
          .create();

      assertThat(get(http, "/health/live").statusCode()).isEqualTo(200);
      assertThat(get(http, "/health/ready").statusCode()).isEqualTo(200);
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThat(get(http, "/metrics").body())
                      .contains("operator_sdk_reconciliations_started_total"));
    } finally {
      operator.stop();
    }
  }

  private static HttpResponse<String> get(HealthServer http, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
