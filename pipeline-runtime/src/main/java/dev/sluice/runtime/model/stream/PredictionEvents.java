package dev.sluice.runtime.model.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.runtime.model.registry.ModelMetadata;
import dev.sluice.runtime.model.server.Tensor;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Builds the prediction event of one input event: a CloudEvent of type {@value #TYPE}, source
 * {@code /sluice/models/<model>/<version>}, subject = the input event's id, id = {@code <input
 * id>/<model>/<version>} (so a redelivered input yields the same prediction id), and data:
 *
 * <pre>{"inputId": "…", "inputSource": "…", "model": "flight-delay", "version": "2",
 *  "output": [0.81, 0.19], "labels": ["on-time", "delayed"], "predicted": "on-time",
 *  "latencyMs": 0.42}</pre>
 *
 * {@code output} is the row of the model's first output; {@code latencyMs} the inference time of
 * the batch the event was predicted in.
 */
final class PredictionEvents {
  static final String TYPE = "dev.sluice.prediction";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelMetadata metadata;
  private final URI source;
  private final List<String> labels;

  PredictionEvents(ModelMetadata metadata) {
    this.metadata = metadata;
    this.source = URI.create("/sluice/models/" + metadata.name() + "/" + metadata.version());
    List<String> declared = metadata.outputs().getFirst().labels();
    this.labels = declared == null ? List.of() : declared;
  }

  CloudEvent of(CloudEvent input, Tensor output, int row, double latencyMs) {
    int width = output.shape().length < 2 ? 1 : (int) output.shape()[1];
    ObjectNode data = JSON.createObjectNode();
    data.put("inputId", input.getId());
    data.put("inputSource", input.getSource().toString());
    data.put("model", metadata.name());
    data.put("version", metadata.version());
    ArrayNode values = data.putArray("output");
    int best = 0;
    for (int c = 0; c < width; c++) {
      double v = output.valueAt(row * width + c);
      values.add(v);
      if (v > output.valueAt(row * width + best)) {
        best = c;
      }
    }
    if (labels.size() == width) {
      labels.forEach(data.putArray("labels")::add);
      data.put("predicted", labels.get(best));
    }
    data.put("latencyMs", latencyMs);
    try {
      return CloudEventBuilder.v1()
          .withId(input.getId() + "/" + metadata.name() + "/" + metadata.version())
          .withSource(source)
          .withType(TYPE)
          .withSubject(input.getId())
          .withTime(OffsetDateTime.now(ZoneOffset.UTC))
          .withDataContentType("application/json")
          .withData(JSON.writeValueAsBytes(data))
          .build();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("prediction data cannot be written", e);
    }
  }
}
