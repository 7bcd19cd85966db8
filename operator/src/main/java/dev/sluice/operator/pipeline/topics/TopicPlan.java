package dev.sluice.operator.pipeline.topics;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.api.v1alpha1.TopicSettings;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The five topics of a pipeline with their settings. Pure. */
public final class TopicPlan {
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h|d)");

  private TopicPlan() {}

  /**
   * The pipeline's topics.
   *
   * @param pipeline a DataPipeline
   * @return raw, raw DLQ, enriched, enriched DLQ and loader DLQ, each with the spec's partitions,
   *     replicas and retention
   */
  public static List<TopicSpec> of(DataPipeline pipeline) {
    PipelineTopics names = PipelineTopics.forPipeline(pipeline.getMetadata().getName());
    TopicSettings settings =
        Objects.requireNonNullElseGet(
            pipeline.getSpec().getKafka().getTopics(), TopicSettings::new);
    int partitions = Objects.requireNonNullElse(settings.getPartitions(), 3);
    int replicas = Objects.requireNonNullElse(settings.getReplicas(), 1);
    long retention = toMillis(Objects.requireNonNullElse(settings.getRetention(), "7d"));
    return List.of(
            names.getRaw(),
            names.getRawDeadLetter(),
            names.getEnriched(),
            names.getEnrichedDeadLetter(),
            names.getLoaderDeadLetter())
        .stream()
        .map(name -> new TopicSpec(name, partitions, replicas, retention))
        .toList();
  }

  /**
   * Parses a duration such as {@code 7d}, {@code 1h30m} or {@code 500ms}.
   *
   * @param duration one or more {@code <number><ms|s|m|h|d>} parts
   * @return milliseconds
   * @throws IllegalArgumentException when the text is not such a duration
   */
  public static long toMillis(String duration) {
    Matcher matcher = PART.matcher(duration);
    long total = 0;
    int end = 0;
    while (matcher.find()) {
      if (matcher.start() != end) {
        break;
      }
      long n = Long.parseLong(matcher.group(1));
      total +=
          switch (matcher.group(2)) {
            case "ms" -> n;
            case "s" -> n * 1_000L;
            case "m" -> n * 60_000L;
            case "h" -> n * 3_600_000L;
            default -> n * 86_400_000L;
          };
      end = matcher.end();
    }
    if (end == 0 || end != duration.length()) {
      throw new IllegalArgumentException("not a duration: " + duration);
    }
    return total;
  }
}
