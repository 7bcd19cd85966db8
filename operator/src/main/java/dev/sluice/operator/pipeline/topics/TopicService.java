package dev.sluice.operator.pipeline.topics;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The Kafka Admin API calls the Admin provisioner needs. Implementations must be thread-safe. */
public interface TopicService {
  /**
   * Describes topics.
   *
   * @param bootstrapServers comma-separated host:port list
   * @param names topic names to look up
   * @return the ones that exist, by name
   * @throws TopicServiceException when the cluster cannot be reached or refuses
   */
  Map<String, TopicState> describe(String bootstrapServers, Collection<String> names);

  /**
   * Makes topics match a plan: creates missing topics, grows partitions, sets {@code retention.ms}.
   * Never shrinks partitions or changes replicas of existing topics.
   *
   * @param bootstrapServers comma-separated host:port list
   * @param topics the wanted topics
   * @throws TopicServiceException when the cluster cannot be reached or refuses
   */
  void ensure(String bootstrapServers, List<TopicSpec> topics);

  /**
   * Deletes topics; missing ones are ignored.
   *
   * @param bootstrapServers comma-separated host:port list
   * @param names topic names
   * @throws TopicServiceException when the cluster cannot be reached or refuses
   */
  void delete(String bootstrapServers, Collection<String> names);
}
