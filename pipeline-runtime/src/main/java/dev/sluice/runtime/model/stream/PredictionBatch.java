package dev.sluice.runtime.model.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.deadletter.DeadLetter;
import dev.sluice.runtime.deadletter.ErrorClass;
import dev.sluice.runtime.model.features.FeatureException;
import dev.sluice.runtime.model.features.FeatureExtractor;
import dev.sluice.runtime.model.server.OnnxModel;
import dev.sluice.runtime.model.server.Tensor;
import dev.sluice.runtime.model.server.TensorSpec;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import io.cloudevents.kafka.CloudEventSerializer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Turns one poll of input records into output records: a prediction event (CloudEvents Kafka binary
 * binding, same key as the input) per event whose data gives every feature, and a dead-letter
 * record ({@link ErrorClass#PredictionInputInvalid}, the field named) per other record. All rows of
 * a poll run as one batch through the model.
 */
final class PredictionBatch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final OnnxModel model;
  private final TensorSpec input;
  private final FeatureExtractor features;
  private final PredictionEvents events;
  private final String outputTopic;
  private final String deadLetterTopic;
  private final CloudEventDeserializer deserializer = new CloudEventDeserializer();
  private final CloudEventSerializer serializer = new CloudEventSerializer();

  /** Result of a poll: records to produce, and inference figures for the metrics. */
  record Result(
      List<ProducerRecord<byte[], byte[]>> records,
      int predicted,
      int rejected,
      long inferenceNanos,
      Tensor output) {}

  /**
   * @throws IllegalArgumentException when the model's metadata declares no features for its one
   *     FP32 input (stream mode needs them)
   */
  PredictionBatch(OnnxModel model, String outputTopic, String deadLetterTopic) {
    this.model = model;
    var declared = model.metadata().inputs();
    if (model.inputs().size() != 1
        || declared.size() != 1
        || declared.getFirst().features() == null
        || !"FP32".equals(model.inputs().values().iterator().next().datatype())) {
      throw new IllegalArgumentException(
          "stream mode needs a model with one FP32 input whose metadata.json lists its features");
    }
    this.input = model.inputs().values().iterator().next();
    this.features = new FeatureExtractor(declared.getFirst().features());
    this.events = new PredictionEvents(model.metadata());
    this.outputTopic = outputTopic;
    this.deadLetterTopic = deadLetterTopic;
    serializer.configure(Map.of(CloudEventSerializer.ENCODING_CONFIG, "BINARY"), false);
  }

  Result predict(ConsumerRecords<byte[], byte[]> polled) throws Exception {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    List<ConsumerRecord<byte[], byte[]>> accepted = new ArrayList<>();
    List<CloudEvent> inputs = new ArrayList<>();
    float[] rows = new float[polled.count() * features.width()];
    for (ConsumerRecord<byte[], byte[]> r : polled) {
      try {
        CloudEvent event = deserializer.deserialize(r.topic(), r.headers(), r.value());
        JsonNode data = event.getData() == null ? null : JSON.readTree(event.getData().toBytes());
        features.extract(data, rows, inputs.size() * features.width());
        inputs.add(event);
        accepted.add(r);
      } catch (FeatureException e) {
        out.add(deadLetter(e.getMessage(), "/data/" + e.field(), r));
      } catch (RuntimeException | java.io.IOException e) {
        out.add(deadLetter("not a CloudEvent with JSON data: " + e.getMessage(), null, r));
      }
    }
    if (inputs.isEmpty()) {
      return new Result(out, 0, out.size(), 0, null);
    }
    long start = System.nanoTime();
    float[] batch = Arrays.copyOf(rows, inputs.size() * features.width());
    Tensor output =
        model
            .run(
                List.of(
                    new Tensor(
                        input.name(), "FP32", new long[] {inputs.size(), features.width()}, batch)))
            .getFirst();
    long nanos = System.nanoTime() - start;
    for (int i = 0; i < inputs.size(); i++) {
      CloudEvent prediction = events.of(inputs.get(i), output, i, nanos / 1e6);
      RecordHeaders headers = new RecordHeaders();
      byte[] value = serializer.serialize(outputTopic, headers, prediction);
      out.add(new ProducerRecord<>(outputTopic, null, accepted.get(i).key(), value, headers));
    }
    return new Result(out, inputs.size(), polled.count() - inputs.size(), nanos, output);
  }

  private ProducerRecord<byte[], byte[]> deadLetter(
      String message, String field, ConsumerRecord<byte[], byte[]> source) {
    return new DeadLetter(
            StageName.MODEL_SERVER, ErrorClass.PredictionInputInvalid, message, field, null, null)
        .toRecord(deadLetterTopic, source);
  }
}
