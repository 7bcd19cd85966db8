package dev.sluice.operator.pipeline.topics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * {@link TopicService} on the Kafka Admin API. Keeps one Admin client per bootstrap list; every
 * call is bounded by {@code timeout} so a down cluster fails a reconciliation instead of blocking
 * it.
 */
public final class KafkaAdminTopicService implements TopicService, AutoCloseable {
  private final Map<String, Admin> admins = new ConcurrentHashMap<>();
  private final long timeoutMs;

  /**
   * @param timeoutMs longest time one Admin call may take, milliseconds
   */
  public KafkaAdminTopicService(long timeoutMs) {
    this.timeoutMs = timeoutMs;
  }

  @Override
  public Map<String, TopicState> describe(String bootstrapServers, Collection<String> names) {
    Admin admin = admin(bootstrapServers);
    Map<String, TopicDescription> found = new HashMap<>();
    admin
        .describeTopics(names)
        .topicNameValues()
        .forEach(
            (name, future) -> {
              try {
                found.put(name, await(future, "describe topic " + name));
              } catch (TopicServiceException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                  throw e;
                }
              }
            });
    Map<String, TopicState> states = new HashMap<>();
    if (found.isEmpty()) {
      return states;
    }
    List<ConfigResource> resources =
        found.keySet().stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
    var configs = await(admin.describeConfigs(resources).all(), "describe topic configs");
    found.forEach(
        (name, description) -> {
          ConfigEntry retention =
              configs
                  .get(new ConfigResource(ConfigResource.Type.TOPIC, name))
                  .get(TopicConfig.RETENTION_MS_CONFIG);
          states.put(
              name,
              new TopicState(
                  description.partitions().size(),
                  description.partitions().get(0).replicas().size(),
                  retention == null ? -1 : Long.parseLong(retention.value())));
        });
    return states;
  }

  @Override
  public void ensure(String bootstrapServers, List<TopicSpec> topics) {
    Admin admin = admin(bootstrapServers);
    Map<String, TopicState> existing =
        describe(bootstrapServers, topics.stream().map(TopicSpec::name).toList());
    List<NewTopic> create = new ArrayList<>();
    Map<String, NewPartitions> grow = new HashMap<>();
    Map<ConfigResource, Collection<AlterConfigOp>> alter = new HashMap<>();
    for (TopicSpec spec : topics) {
      TopicState state = existing.get(spec.name());
      if (state == null) {
        create.add(
            new NewTopic(spec.name(), spec.partitions(), (short) spec.replicas())
                .configs(
                    Map.of(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(spec.retentionMs()))));
        continue;
      }
      if (state.partitions() < spec.partitions()) {
        grow.put(spec.name(), NewPartitions.increaseTo(spec.partitions()));
      }
      if (state.retentionMs() != spec.retentionMs()) {
        alter.put(
            new ConfigResource(ConfigResource.Type.TOPIC, spec.name()),
            List.of(
                new AlterConfigOp(
                    new ConfigEntry(
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(spec.retentionMs())),
                    AlterConfigOp.OpType.SET)));
      }
    }
    if (!create.isEmpty()) {
      admin
          .createTopics(create)
          .values()
          .forEach(
              (name, future) -> {
                try {
                  await(future, "create topic " + name);
                } catch (TopicServiceException e) {
                  if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                  }
                }
              });
    }
    if (!grow.isEmpty()) {
      await(admin.createPartitions(grow).all(), "grow partitions of " + grow.keySet());
    }
    if (!alter.isEmpty()) {
      await(admin.incrementalAlterConfigs(alter).all(), "set retention.ms");
    }
  }

  @Override
  public void delete(String bootstrapServers, Collection<String> names) {
    admin(bootstrapServers)
        .deleteTopics(names)
        .topicNameValues()
        .forEach(
            (name, future) -> {
              try {
                await(future, "delete topic " + name);
              } catch (TopicServiceException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                  throw e;
                }
              }
            });
  }

  private Admin admin(String bootstrapServers) {
    return admins.computeIfAbsent(
        bootstrapServers,
        servers -> {
          Properties props = new Properties();
          props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers);
          props.put(AdminClientConfig.CLIENT_ID_CONFIG, "sluice-operator");
          props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeoutMs);
          props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeoutMs);
          return Admin.create(props);
        });
  }

  private <T> T await(KafkaFuture<T> future, String what) {
    try {
      return future.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new TopicServiceException(what + " failed: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new TopicServiceException(what + " timed out after " + timeoutMs + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TopicServiceException(what + " was interrupted", e);
    }
  }

  @Override
  public void close() {
    admins.values().forEach(Admin::close);
    admins.clear();
  }
}
