package dev.sluice.runtime.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.testing.SharedKafka;
import io.vertx.core.json.JsonObject;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The collector's HTTP API against a real broker: the three modes, metadata, limits, reloads. */
class CollectorIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private CollectorUnderTest collector;
  private TopicReader raw;

  @BeforeEach
  void start() {
    String prefix = SharedKafka.createTopics(1, "raw", "raw.dlq");
    collector =
        new CollectorUnderTest(
            SharedKafka.bootstrapServers(), prefix, CollectorUnderTest.smallLimits(), 1, null);
    raw = new TopicReader(SharedKafka.bootstrapServers(), collector.rawTopic);
  }

  @AfterEach
  void stop() throws Exception {
    raw.close();
    collector.close();
  }

  private HttpResponse<String> post(String contentType, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(collector.eventsUrl()))
            .header("content-type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void writesStructuredEventsInKafkaBinaryModeWithKeyAndCollectorMetadata() throws Exception {
    String body = Events.valid("s1").replace("\"subject\"", "\"partitionkey\":\"ams\",\"subject\"");
    HttpResponse<String> response = post("application/cloudevents+json", body);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getInteger("accepted")).isEqualTo(1);
    ConsumerRecord<byte[], byte[]> r = raw.take(1, Duration.ofSeconds(30)).get(0);
    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("ams");
    assertThat(TopicReader.header(r, "ce_id")).isEqualTo("s1");
    assertThat(TopicReader.header(r, "ce_specversion")).isEqualTo("1.0");
    assertThat(TopicReader.header(r, "ce_type")).isEqualTo(CollectorUnderTest.FLIGHT_DEPARTED);
    assertThat(TopicReader.header(r, "ce_subject")).isEqualTo("KL1001");
    assertThat(TopicReader.header(r, "content-type")).isEqualTo("application/json");
    assertThat(TopicReader.header(r, "ce_sluicecollector")).isEqualTo("collector-it-0");
    assertThat(TopicReader.header(r, "ce_sluicepipeline")).isEqualTo("flights");
    assertThat(TopicReader.header(r, "ce_sluicereceivedat")).endsWith("Z");
    assertThat(
            new JsonObject(new String(r.value(), StandardCharsets.UTF_8))
                .getInteger("delayMinutes"))
        .isEqualTo(3);
  }

  @Test
  void writesBinaryModeEventsWithAnyContentTypeAndBatches() throws Exception {
    HttpResponse<String> binary =
        post(
            "text/csv",
            "KL1001,3",
            "ce-specversion",
            "1.0",
            "ce-id",
            "b1",
            "ce-source",
            "/airports/ams",
            "ce-type",
            CollectorUnderTest.FLIGHT_DEPARTED,
            "ce-subject",
            "KL1001");
    assertThat(binary.statusCode()).as(binary.body()).isEqualTo(200);
    ConsumerRecord<byte[], byte[]> r = raw.take(1, Duration.ofSeconds(30)).get(0);
    assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("KL1001");
    assertThat(TopicReader.header(r, "content-type")).isEqualTo("text/csv");
    assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("KL1001,3");

    String batch =
        "["
            + Events.valid("b2")
            + ","
            + Events.valid("b3").replace(",\"subject\":\"KL1001\"", "")
            + "]";
    HttpResponse<String> response = post("application/cloudevents-batch+json", batch);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(new JsonObject(response.body()).getInteger("accepted")).isEqualTo(2);
    List<ConsumerRecord<byte[], byte[]>> records = raw.take(2, Duration.ofSeconds(30));
    assertThat(records).extracting(x -> TopicReader.header(x, "ce_id")).containsExactly("b2", "b3");
    assertThat(new String(records.get(1).key(), StandardCharsets.UTF_8)).isEqualTo("b3");
  }

  @Test
  void acceptsANewContractsTypeWithoutARestart() throws Exception {
    String landed =
        Events.valid("l1").replace(CollectorUnderTest.FLIGHT_DEPARTED, "dev.sluice.flight.landed");
    assertThat(post("application/cloudevents+json", landed).statusCode()).isEqualTo(400);

    collector.writeContract("later", "dev.sluice.flight.landed");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(post("application/cloudevents+json", landed).statusCode())
                    .isEqualTo(200));
  }

  @Test
  void refusesRequestsBeyondMaxInFlightWith503AndServesOpenApiAndReadiness() throws Exception {
    // maxInFlightRequests is 1: a request whose body never finishes holds the only slot.
    try (Socket slow = new Socket("127.0.0.1", collector.httpPort)) {
      OutputStream out = slow.getOutputStream();
      out.write(
          ("POST /v1/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/cloudevents+json\r\n"
                  + "Content-Length: 1000\r\n\r\n{")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                HttpResponse<String> refused =
                    post("application/cloudevents+json", Events.valid("x"));
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("retry-after")).hasValue("1");
              });
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(post("application/cloudevents+json", Events.valid("y")).statusCode())
                    .isEqualTo(200));

    HttpResponse<String> openapi =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.url("/openapi.yaml"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(openapi.statusCode()).isEqualTo(200);
    assertThat(openapi.body()).contains("/v1/events").contains("application/problem+json");
    HttpResponse<String> ready =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.url("/health/ready"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ready.statusCode()).isEqualTo(200);
    HttpResponse<String> metrics =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.url("/metrics"))).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body())
        .contains("sluice_collector_events_total{")
        .contains("outcome=\"accepted\"")
        .contains("sluice_collector_requests_refused_total{")
        .contains("sluice_collector_requests_in_flight");
  }
}
