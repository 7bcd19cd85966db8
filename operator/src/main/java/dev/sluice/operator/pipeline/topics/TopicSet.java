package dev.sluice.operator.pipeline.topics;

import io.javaoperatorsdk.operator.processing.ResourceIDProvider;
import java.util.List;
import java.util.Map;

/**
 * The external resource of the Admin provisioner: a pipeline's topics as they exist on the broker.
 *
 * @param pipelineId {@code <namespace>/<pipeline>}
 * @param topics existing topics by name; topics that do not exist are absent
 */
public record TopicSet(String pipelineId, Map<String, TopicState> topics)
    implements ResourceIDProvider<String> {
  @Override
  public String resourceId() {
    return pipelineId;
  }

  /**
   * Whether the broker's topics satisfy the plan: each exists, with at least the planned partitions
   * and the planned retention. Replicas are not compared; they are fixed once a topic exists.
   *
   * @param plan the wanted topics
   * @return true when nothing needs to change
   */
  public boolean satisfies(List<TopicSpec> plan) {
    return plan.stream()
        .allMatch(
            spec -> {
              TopicState state = topics.get(spec.name());
              return state != null
                  && state.partitions() >= spec.partitions()
                  && state.retentionMs() == spec.retentionMs();
            });
  }

  /**
   * The planned topics that do not exist yet.
   *
   * @param plan the wanted topics
   * @return their names, in plan order
   */
  public List<String> missing(List<TopicSpec> plan) {
    return plan.stream().map(TopicSpec::name).filter(n -> !topics.containsKey(n)).toList();
  }
}
