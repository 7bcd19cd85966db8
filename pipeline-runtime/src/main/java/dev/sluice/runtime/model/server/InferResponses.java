package dev.sluice.runtime.model.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes Open Inference Protocol v2 inference responses: {@code {"model_name", "model_version",
 * "id", "outputs": [{"name", "datatype", "shape", "data"}]}}, {@code data} flat in row-major order.
 */
final class InferResponses {
  private static final JsonFactory JSON = new JsonFactory();

  private InferResponses() {}

  static byte[] write(String model, String version, String id, List<Tensor> outputs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("model_name", model);
      g.writeStringField("model_version", version);
      if (id != null) {
        g.writeStringField("id", id);
      }
      g.writeArrayFieldStart("outputs");
      for (Tensor t : outputs) {
        g.writeStartObject();
        g.writeStringField("name", t.name());
        g.writeStringField("datatype", t.datatype());
        g.writeArrayFieldStart("shape");
        for (long d : t.shape()) {
          g.writeNumber(d);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("data");
        switch (t.data()) {
          case float[] f -> {
            for (float v : f) {
              g.writeNumber(v);
            }
          }
          case double[] d -> g.writeArray(d, 0, d.length);
          case int[] n -> g.writeArray(n, 0, n.length);
          case long[] n -> g.writeArray(n, 0, n.length);
          default -> throw new IllegalStateException("output " + t.name());
        }
        g.writeEndArray();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
