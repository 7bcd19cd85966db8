package dev.sluice.runtime.collector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.runtime.deadletter.DeadLetterHeaders;
import dev.sluice.runtime.testing.SharedKafka;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed input against a real collector and broker: each kind is answered with the documented
 * status and a problem body naming the field, and is in the raw dead-letter topic with its reason
 * headers (401s: nothing written), while a valid event sent after each one reaches the raw topic.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollectorMalformedInputIT {
  private static final String KEY = "it-key-1";
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private static CollectorUnderTest collector;
  private static TopicReader deadLetters;
  private static final Set<String> acceptedIds = new HashSet<>();

  /**
   * One expected dead-letter record.
   *
   * @param contract the contract named in its headers (the event's type is governed), or null
   * @param version the contract version named: the declared one, else the accepted one (1)
   */
  record Dlq(String errorClass, String field, String contract, String version) {}

  /** One malformed request and what must come of it. */
  record Case(
      String name,
      String contentType,
      Map<String, String> headers,
      byte[] body,
      int status,
      String problemField,
      List<Dlq> deadLetters) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  static void start() {
    String prefix = SharedKafka.createTopics(1, "raw", "raw.dlq");
    collector =
        new CollectorUnderTest(
            SharedKafka.bootstrapServers(),
            prefix,
            CollectorUnderTest.smallLimits(),
            64,
            List.of("# keys of the tests", KEY, "it-key-2"));
    deadLetters = new TopicReader(SharedKafka.bootstrapServers(), collector.deadLetterTopic);
  }

  @AfterAll
  static void stop() throws Exception {
    deadLetters.close();
    collector.close();
  }

  static Stream<Case> cases() {
    String ce = "application/cloudevents+json";
    String batch = "application/cloudevents-batch+json";
    String valid = Events.valid("batch-valid-" + System.nanoTime());
    String nested = "{\"a\":".repeat(2000) + "1" + "}".repeat(2000);
    byte[] badUtf8 =
        concat(
            "{\"specversion\":\"1.0\",\"id\":\"".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
            "\",\"source\":\"/s\",\"type\":\"t\"}".getBytes(StandardCharsets.UTF_8));
    return Stream.of(
        c("not JSON", ce, "hello collector", 400, null, dlq("Unparseable", null)),
        c(
            "truncated JSON",
            ce,
            "{\"specversion\":\"1.0\",\"id\":",
            400,
            null,
            dlq("Unparseable", null)),
        new Case("invalid UTF-8", ce, Map.of(), badUtf8, 400, null, dlq("Unparseable", null)),
        c(
            "deeply nested JSON",
            ce,
            Events.with("subject", nested),
            400,
            null,
            dlq("Unparseable", null)),
        c(
            "JSON array in structured mode",
            ce,
            "[" + valid + "]",
            400,
            null,
            dlq("Unparseable", null)),
        c("JSON after the event", ce, valid + " {}", 400, null, dlq("Unparseable", null)),
        c("missing id", ce, Events.without("id"), 400, "/id", governed("EnvelopeInvalid", "/id")),
        c(
            "missing source",
            ce,
            Events.without("source"),
            400,
            "/source",
            governed("EnvelopeInvalid", "/source")),
        c(
            "missing specversion",
            ce,
            Events.without("specversion"),
            400,
            "/specversion",
            governed("EnvelopeInvalid", "/specversion")),
        c(
            "missing type",
            ce,
            Events.without("type"),
            400,
            "/type",
            dlq("EnvelopeInvalid", "/type")),
        c(
            "wrong specversion",
            ce,
            Events.with("specversion", "\"0.3\""),
            400,
            "/specversion",
            governed("EnvelopeInvalid", "/specversion")),
        c(
            "id is a number",
            ce,
            Events.with("id", "42"),
            400,
            "/id",
            governed("EnvelopeInvalid", "/id")),
        c(
            "id is empty",
            ce,
            Events.with("id", "\"\""),
            400,
            "/id",
            governed("EnvelopeInvalid", "/id")),
        c(
            "source not a URI-reference",
            ce,
            Events.with("source", "\"a b\""),
            400,
            "/source",
            governed("EnvelopeInvalid", "/source")),
        c(
            "time not a timestamp",
            ce,
            Events.with("time", "\"yesterday\""),
            400,
            "/time",
            governed("EnvelopeInvalid", "/time")),
        c(
            "time not a timestamp, contract version 2 declared",
            ce,
            Events.with("time", "\"noon\"")
                .replace(
                    "\"subject\"", "\"dataschema\":\"https://schemas.example/fd/v2\",\"subject\""),
            400,
            "/time",
            List.of(new Dlq("EnvelopeInvalid", "/time", "flight-departed", "2"))),
        c(
            "time without offset",
            ce,
            Events.with("time", "\"2026-05-01T10:15:00\""),
            400,
            "/time",
            governed("EnvelopeInvalid", "/time")),
        c(
            "unknown type",
            ce,
            Events.with("type", "\"dev.sluice.unknown\""),
            400,
            "/type",
            dlq("UnknownType", "/type")),
        c(
            "extension name with capitals",
            ce,
            valid.replace("\"subject\"", "\"Bad_Name\""),
            400,
            "/Bad_Name",
            governed("EnvelopeInvalid", "/Bad_Name")),
        c(
            "event over maxEventBytes",
            ce,
            Events.with("subject", "\"" + "x".repeat(5000) + "\""),
            413,
            null,
            governed("SizeViolation", null)),
        c(
            "request over maxRequestBytes",
            ce,
            Events.with("subject", "\"" + "x".repeat(70_000) + "\""),
            413,
            null,
            dlq("SizeViolation", null)),
        c("empty batch", batch, "[]", 400, null, dlq("Unparseable", null)),
        c(
            "batch over maxBatchEvents",
            batch,
            "[" + String.join(",", java.util.Collections.nCopies(51, valid)) + "]",
            413,
            null,
            dlq("SizeViolation", null)),
        c("batch not an array", batch, valid, 400, null, dlq("Unparseable", null)),
        c("truncated batch", batch, "[" + valid + ",{\"id\":", 400, null, dlq("Unparseable", null)),
        c(
            "batch of invalid events only",
            batch,
            "[" + Events.without("type") + "," + Events.with("time", "1") + "]",
            400,
            null,
            List.of(
                new Dlq("EnvelopeInvalid", "/type", null, null),
                new Dlq("EnvelopeInvalid", "/time", "flight-departed", "1"))),
        c("wrong content type", "text/plain", valid, 415, null, dlq("Unparseable", null)),
        c(
            "JSON without ce- headers",
            "application/json",
            valid,
            415,
            null,
            dlq("Unparseable", null)),
        binary(
            "binary mode without ce-id",
            Map.of(
                "ce-specversion",
                "1.0",
                "ce-source",
                "/s",
                "ce-type",
                CollectorUnderTest.FLIGHT_DEPARTED),
            400,
            "/id",
            governed("EnvelopeInvalid", "/id")),
        binary(
            "binary mode with bad ce-time",
            Map.of(
                "ce-specversion",
                "1.0",
                "ce-id",
                "b1",
                "ce-source",
                "/s",
                "ce-type",
                CollectorUnderTest.FLIGHT_DEPARTED,
                "ce-time",
                "noon"),
            400,
            "/time",
            governed("EnvelopeInvalid", "/time")),
        binary(
            "binary mode with wrong ce-specversion",
            Map.of(
                "ce-specversion",
                "2.0",
                "ce-id",
                "b2",
                "ce-source",
                "/s",
                "ce-type",
                CollectorUnderTest.FLIGHT_DEPARTED),
            400,
            "/specversion",
            governed("EnvelopeInvalid", "/specversion")),
        binary(
            "binary mode with unknown ce-type",
            Map.of("ce-specversion", "1.0", "ce-id", "b3", "ce-source", "/s", "ce-type", "nope"),
            400,
            "/type",
            dlq("UnknownType", "/type")),
        new Case(
            "missing API key",
            ce,
            Map.of("x-api-key", ""),
            Events.valid("k1").getBytes(StandardCharsets.UTF_8),
            401,
            null,
            List.of()),
        new Case(
            "invalid API key",
            ce,
            Map.of("authorization", "Bearer not-a-key"),
            Events.valid("k2").getBytes(StandardCharsets.UTF_8),
            401,
            null,
            List.of()));
  }

  @Order(1)
  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void answersAndDeadLettersMalformedInput(Case c) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(collector.eventsUrl()))
            .header("content-type", c.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()));
    if (!c.headers().containsKey("x-api-key") && !c.headers().containsKey("authorization")) {
      request.header("x-api-key", KEY);
    }
    c.headers()
        .forEach(
            (k, v) -> {
              if (!v.isEmpty()) request.header(k, v);
            });
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
    assertThat(response.headers().firstValue("content-type")).hasValue("application/problem+json");
    JsonObject problem = new JsonObject(response.body());
    assertThat(problem.getInteger("status")).isEqualTo(c.status());
    assertThat(problem.getString("type")).startsWith("https://sluice.dev/problems/");
    assertThat(problem.getString("title")).isNotBlank();
    assertThat(problem.getString("detail")).isNotBlank();
    if (c.problemField() != null) {
      assertThat(problem.getString("field")).isEqualTo(c.problemField());
      assertThat(problem.getString("detail")).contains(c.problemField().substring(1));
    }
    if (c.status() != 401 && c.deadLetters().size() == 1) {
      assertThat(problem.getString("reason")).isEqualTo(c.deadLetters().get(0).errorClass());
    }

    List<ConsumerRecord<byte[], byte[]>> records =
        deadLetters.take(c.deadLetters().size(), Duration.ofSeconds(30));
    for (int i = 0; i < records.size(); i++) {
      ConsumerRecord<byte[], byte[]> r = records.get(i);
      Dlq expected = c.deadLetters().get(i);
      assertThat(TopicReader.header(r, DeadLetterHeaders.STAGE)).isEqualTo("collector");
      assertThat(TopicReader.header(r, DeadLetterHeaders.CLASS)).isEqualTo(expected.errorClass());
      assertThat(TopicReader.header(r, DeadLetterHeaders.FIELD)).isEqualTo(expected.field());
      assertThat(TopicReader.header(r, DeadLetterHeaders.MESSAGE)).isNotBlank();
      assertThat(TopicReader.header(r, DeadLetterHeaders.TIME)).isNotBlank();
      assertThat(TopicReader.header(r, DeadLetterHeaders.CONTRACT)).isEqualTo(expected.contract());
      assertThat(TopicReader.header(r, DeadLetterHeaders.CONTRACT_VERSION))
          .isEqualTo(expected.version());
      assertThat(r.value().length).isLessThanOrEqualTo(1024);
      if (c.body().length <= 1024 && c.deadLetters().size() == 1) {
        assertThat(r.value()).isEqualTo(c.body());
      }
      if (c.status() == 413 && c.body().length > 1024) {
        assertThat(TopicReader.header(r, DeadLetterHeaders.TRUNCATED)).isEqualTo("true");
        assertThat(TopicReader.header(r, DeadLetterHeaders.ORIGINAL_BYTES)).isNotBlank();
      }
      if (c.name().startsWith("binary")) {
        assertThat(TopicReader.header(r, "ce_source")).isEqualTo("/s");
      }
    }

    sendValid();
  }

  @Order(2)
  @Test
  void aBatchWithSomeInvalidEventsKeepsTheValidOnesAndListsTheRest() throws Exception {
    String ok1 = "mixed-ok-" + System.nanoTime();
    String ok2 = ok1 + "-2";
    String body =
        "["
            + Events.valid(ok1)
            + ","
            + Events.with("specversion", "\"0.2\"")
            + ",7,"
            + Events.valid(ok2)
            + "]";
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.eventsUrl()))
                .header("content-type", "application/cloudevents-batch+json")
                .header("authorization", "Bearer it-key-2")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(207);
    JsonObject result = new JsonObject(response.body());
    assertThat(result.getInteger("accepted")).isEqualTo(2);
    assertThat(result.getJsonArray("rejected")).hasSize(2);
    JsonObject first = result.getJsonArray("rejected").getJsonObject(0);
    assertThat(first.getInteger("index")).isEqualTo(1);
    assertThat(first.getString("field")).isEqualTo("/specversion");
    assertThat(first.getString("reason")).isEqualTo("EnvelopeInvalid");
    assertThat(result.getJsonArray("rejected").getJsonObject(1).getInteger("index")).isEqualTo(2);
    List<ConsumerRecord<byte[], byte[]>> records = deadLetters.take(2, Duration.ofSeconds(30));
    assertThat(records)
        .extracting(r -> TopicReader.header(r, DeadLetterHeaders.CLASS))
        .containsExactly("EnvelopeInvalid", "Unparseable");
    assertThat(new String(records.get(1).value(), StandardCharsets.UTF_8)).isEqualTo("7");
    acceptedIds.add(ok1);
    acceptedIds.add(ok2);
  }

  @Order(3)
  @Test
  void nothingValidWasLostAndNothingMoreWasDeadLettered() {
    try (TopicReader raw = new TopicReader(SharedKafka.bootstrapServers(), collector.rawTopic)) {
      List<ConsumerRecord<byte[], byte[]>> records =
          raw.take(acceptedIds.size(), Duration.ofSeconds(60));
      Set<String> ids =
          records.stream().map(r -> TopicReader.header(r, "ce_id")).collect(Collectors.toSet());
      assertThat(ids).containsExactlyInAnyOrderElementsOf(acceptedIds);
      assertThat(raw.drain(Duration.ofSeconds(1))).isEmpty();
    }
    assertThat(deadLetters.drain(Duration.ofSeconds(1))).isEmpty();
  }

  private static void sendValid() throws Exception {
    String[] id = new String[1];
    String body = Events.fresh(id);
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(collector.eventsUrl()))
                .header("content-type", "application/cloudevents+json")
                .header("x-api-key", KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    acceptedIds.add(id[0]);
  }

  private static Case c(
      String name, String contentType, String body, int status, String field, List<Dlq> dlq) {
    return new Case(
        name, contentType, Map.of(), body.getBytes(StandardCharsets.UTF_8), status, field, dlq);
  }

  private static Case binary(
      String name, Map<String, String> headers, int status, String field, List<Dlq> dlq) {
    return new Case(
        name,
        "application/octet-stream",
        new LinkedHashMap<>(headers),
        new byte[] {1, 2, 3, 0, (byte) 0xFF},
        status,
        field,
        dlq);
  }

  private static List<Dlq> dlq(String errorClass, String field) {
    return new ArrayList<>(List.of(new Dlq(errorClass, field, null, null)));
  }

  /** A dead letter of an event whose type the pipeline's contract flight-departed governs. */
  private static List<Dlq> governed(String errorClass, String field) {
    return new ArrayList<>(List.of(new Dlq(errorClass, field, "flight-departed", "1")));
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) n += p.length;
    byte[] all = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, all, at, p.length);
      at += p.length;
    }
    return all;
  }
}
