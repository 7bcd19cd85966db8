package dev.sluice.runtime.model.server;

import dev.sluice.runtime.model.registry.ModelMetadata;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * Metrics of one served model version, tagged {@code model} and {@code version}:
 *
 * <ul>
 *   <li>{@code sluice_model_requests_total{outcome}} — ok, invalid (400), overloaded (503), error
 *       (500); stream mode counts each event;
 *   <li>{@code sluice_model_inference_seconds} — latency of a request or stream batch, histogram;
 *   <li>{@code sluice_model_predictions_total{class}} — predicted class (argmax) per row, when the
 *       first output has labels in the metadata;
 *   <li>{@code sluice_model_prediction_score} — the last label's probability per row (e.g.
 *       P(delayed)), histogram with buckets every 0.1.
 * </ul>
 */
public final class ModelServerMetrics {
  private final MeterRegistry registry;
  private final String model;
  private final String version;
  private final Timer latency;
  private final List<String> labels;
  private final Counter[] classes;
  private final DistributionSummary score;

  public ModelServerMetrics(MeterRegistry registry, ModelMetadata metadata) {
    this.registry = registry;
    this.model = metadata.name();
    this.version = metadata.version();
    this.latency =
        Timer.builder("sluice_model_inference")
            .description("Inference latency of a request or stream batch")
            .tags("model", model, "version", version)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    List<String> declared =
        metadata.outputs().isEmpty() ? null : metadata.outputs().getFirst().labels();
    this.labels = declared == null ? List.of() : declared;
    this.classes = new Counter[labels.size()];
    for (int i = 0; i < classes.length; i++) {
      classes[i] =
          Counter.builder("sluice_model_predictions")
              .description("Predictions by predicted class")
              .tags("model", model, "version", version, "class", labels.get(i))
              .register(registry);
    }
    this.score =
        DistributionSummary.builder("sluice_model_prediction_score")
            .description("Probability of the last class per prediction")
            .tags("model", model, "version", version)
            .serviceLevelObjectives(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)
            .register(registry);
  }

  /** Counts {@code n} requests or events of an outcome: ok, invalid, overloaded, error. */
  public void outcome(String outcome, int n) {
    registry
        .counter("sluice_model_requests", "model", model, "version", version, "outcome", outcome)
        .increment(n);
  }

  public void latency(long nanos) {
    latency.record(Duration.ofNanos(nanos));
  }

  /** Records the predicted class of each row of a class-probability output. */
  public void predictions(Tensor output) {
    int k = labels.size();
    if (k == 0 || output.shape().length != 2 || output.shape()[1] != k) {
      return;
    }
    for (int row = 0; row < output.shape()[0]; row++) {
      int best = 0;
      for (int c = 1; c < k; c++) {
        if (output.valueAt(row * k + c) > output.valueAt(row * k + best)) {
          best = c;
        }
      }
      classes[best].increment();
      score.record(output.valueAt(row * k + k - 1));
    }
  }
}
