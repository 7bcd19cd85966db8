package dev.sluice.runtime.model.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.model.FlightInputs;
import dev.sluice.runtime.model.RunningStage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real model server on the trained flight-delay model (registry fixture, production alias). */
class ModelServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INFER = "/v2/models/flight-delay/infer";

  @TempDir static Path dir;
  private static RunningStage server;

  @BeforeAll
  static void start() throws Exception {
    server =
        RunningStage.start(
            "model-server",
            dir,
            """
            deployment: flight-delay
            server:
              model: flight-delay
              version: production
              registry:
                directory: %s
              maxBatchSize: 8
              maxRequestBytes: 4096
            """
                .formatted(RunningStage.fixtureRegistry()),
            Map.of());
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> server.get("/v2/health/ready").statusCode() == 200);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void servesTheProductionVersionWithItsMetadata() throws Exception {
    JsonNode meta = JSON.readTree(server.get("/v2/models/flight-delay").body());
    assertThat(meta.path("versions").get(0).asText()).isEqualTo("1");
    assertThat(meta.path("platform").asText()).isEqualTo("onnxruntime_onnx");
    assertThat(meta.path("inputs").get(0).path("name").asText()).isEqualTo("features");
    assertThat(meta.path("inputs").get(0).path("shape").toString()).isEqualTo("[-1,7]");
    assertThat(server.get("/v2/health/live").statusCode()).isEqualTo(200);
    assertThat(server.get("/v2/models/flight-delay/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void answersInferenceWithClassProbabilities() throws Exception {
    HttpResponse<String> r =
        server.post(
            INFER,
            FlightInputs.request(FlightInputs.ORD_LGA_MORNING, FlightInputs.ATL_LAX_EVENING));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("model_name").asText()).isEqualTo("flight-delay");
    assertThat(body.path("model_version").asText()).isEqualTo("1");
    assertThat(body.path("id").asText()).isEqualTo("r1");
    JsonNode out = body.path("outputs").get(0);
    assertThat(out.path("name").asText()).isEqualTo("probabilities");
    assertThat(out.path("shape").toString()).isEqualTo("[2,2]");
    JsonNode p = out.path("data");
    assertThat(p.get(0).asDouble() + p.get(1).asDouble()).isCloseTo(1.0, within(1e-5));
    // The model learned that delays build up during the day: an evening departure is likelier to
    // be late than an early-morning one (labels [on-time, delayed]).
    assertThat(p.get(3).asDouble()).isGreaterThan(p.get(1).asDouble());
  }

  @Test
  void refusesAMissingInputNamingIt() throws Exception {
    assertRefused(
        "{\"inputs\":[{\"name\":\"speed\",\"datatype\":\"FP32\",\"shape\":[1,1],\"data\":[1]}]}",
        400,
        "input 'speed'");
    assertRefused("{\"inputs\":[]}", 400, "inputs is required");
  }

  @Test
  void refusesAWrongDatatypeShapeOrValueNamingTheInput() throws Exception {
    String fp64 = FlightInputs.request(FlightInputs.ATL_LAX_EVENING).replace("FP32", "FP64");
    assertRefused(fp64, 400, "input 'features': datatype 'FP64'");
    String rank = FlightInputs.request(FlightInputs.ATL_LAX_EVENING).replace("[1,7]", "[7]");
    assertRefused(rank, 400, "input 'features': shape [7] has rank 1");
    String width = FlightInputs.request(FlightInputs.ATL_LAX_EVENING).replace("[1,7]", "[1,6]");
    assertRefused(width, 400, "dimension 1 must be 7");
    String count = FlightInputs.request(FlightInputs.ATL_LAX_EVENING).replace("[1,7]", "[2,7]");
    assertRefused(count, 400, "input 'features': 7 values do not fill shape [2, 7]");
    String text = FlightInputs.request(FlightInputs.ATL_LAX_EVENING).replace("[18.5,", "[\"x\",");
    assertRefused(text, 400, "input 'features': data[0] is not a number");
    assertRefused("not json", 400, "not JSON");
  }

  @Test
  void refusesAnOversizedBatchOrBody() throws Exception {
    float[][] nine = new float[9][];
    java.util.Arrays.fill(nine, FlightInputs.ATL_LAX_EVENING);
    assertRefused(
        FlightInputs.request(nine),
        400,
        "input 'features': batch of 9 rows is over the limit of 8");
    assertRefused("{\"inputs\":[" + " ".repeat(5000) + "]}", 413, "larger than the limit");
  }

  @Test
  void refusesAnotherModelOrVersion() throws Exception {
    assertThat(server.post("/v2/models/other/infer", "{}").statusCode()).isEqualTo(404);
    assertThat(
            server
                .post(
                    "/v2/models/flight-delay/versions/2/infer",
                    FlightInputs.request(FlightInputs.ATL_LAX_EVENING))
                .statusCode())
        .isEqualTo(404);
    assertThat(
            server
                .post(
                    "/v2/models/flight-delay/versions/1/infer",
                    FlightInputs.request(FlightInputs.ATL_LAX_EVENING))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void exposesRequestLatencyAndPredictionMetrics() throws Exception {
    server.post(INFER, FlightInputs.request(FlightInputs.ATL_LAX_EVENING));
    server.post(INFER, "{\"inputs\":[]}");
    String metrics = server.get("/metrics").body();
    assertThat(metrics)
        .contains("sluice_model_requests_total{")
        .contains("outcome=\"ok\"")
        .contains("outcome=\"invalid\"")
        .contains("sluice_model_inference_seconds_bucket{")
        .contains("sluice_model_predictions_total{class=\"on-time\"")
        .contains("sluice_model_prediction_score_bucket{")
        .contains("version=\"1\"");
  }

  private static void assertRefused(String body, int status, String message) throws Exception {
    HttpResponse<String> r = server.post(INFER, body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(JSON.readTree(r.body()).path("error").asText()).contains(message);
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
