package dev.sluice.operator.pipeline.topics;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A hand-written fake of the Kafka Admin API: topics per bootstrap list, in memory. */
public final class InMemoryTopicService implements TopicService {
  private final Map<String, Map<String, TopicState>> clusters = new ConcurrentHashMap<>();
  private volatile String failure;

  /** Makes every call fail with this message until {@link #recover()}. */
  public void failWith(String message) {
    failure = message;
  }

  /** Undoes {@link #failWith}. */
  public void recover() {
    failure = null;
  }

  /** The topics of a cluster. */
  public Map<String, TopicState> topics(String bootstrapServers) {
    return Map.copyOf(clusters.getOrDefault(bootstrapServers, Map.of()));
  }

  @Override
  public Map<String, TopicState> describe(String bootstrapServers, Collection<String> names) {
    check();
    Map<String, TopicState> found = new HashMap<>();
    Map<String, TopicState> cluster = clusters.getOrDefault(bootstrapServers, Map.of());
    names.forEach(
        n -> {
          if (cluster.containsKey(n)) {
            found.put(n, cluster.get(n));
          }
        });
    return found;
  }

  @Override
  public void ensure(String bootstrapServers, List<TopicSpec> topics) {
    check();
    Map<String, TopicState> cluster =
        clusters.computeIfAbsent(bootstrapServers, b -> new ConcurrentHashMap<>());
    for (TopicSpec spec : topics) {
      TopicState state = cluster.get(spec.name());
      cluster.put(
          spec.name(),
          new TopicState(
              state == null ? spec.partitions() : Math.max(state.partitions(), spec.partitions()),
              state == null ? spec.replicas() : state.replicas(),
              spec.retentionMs()));
    }
  }

  @Override
  public void delete(String bootstrapServers, Collection<String> names) {
    check();
    Map<String, TopicState> cluster = clusters.getOrDefault(bootstrapServers, new HashMap<>());
    names.forEach(cluster::remove);
  }

  private void check() {
    if (failure != null) {
      throw new TopicServiceException(failure, null);
    }
  }
}
