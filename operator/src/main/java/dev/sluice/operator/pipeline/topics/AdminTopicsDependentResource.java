package dev.sluice.operator.pipeline.topics;

import dev.sluice.api.v1alpha1.DataPipeline;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.external.PerResourcePollingDependentResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's topics made directly with the Kafka Admin API (provisioner Admin): an external
 * dependent polled every {@code period}, with the client calls in a {@link TopicService}.
 */
public class AdminTopicsDependentResource
    extends PerResourcePollingDependentResource<TopicSet, DataPipeline, String>
    implements Creator<TopicSet, DataPipeline>,
        Updater<TopicSet, DataPipeline>,
        Deleter<DataPipeline> {
  private static final Logger LOG = LoggerFactory.getLogger(AdminTopicsDependentResource.class);

  private final TopicService topics;

  /**
   * @param topics the Admin API calls
   * @param period how often the broker's topics are read
   */
  public AdminTopicsDependentResource(TopicService topics, Duration period) {
    super(TopicSet.class, period);
    this.topics = topics;
  }

  @Override
  public Set<TopicSet> fetchResources(DataPipeline pipeline) {
    List<TopicSpec> plan = TopicPlan.of(pipeline);
    try {
      Map<String, TopicState> existing =
          topics.describe(bootstrap(pipeline), plan.stream().map(TopicSpec::name).toList());
      return existing.isEmpty() ? Set.of() : Set.of(new TopicSet(id(pipeline), existing));
    } catch (TopicServiceException e) {
      LOG.warn("cannot read topics of pipeline {}: {}", id(pipeline), e.getMessage());
      return Set.of();
    }
  }

  @Override
  protected TopicSet desired(DataPipeline pipeline, Context<DataPipeline> context) {
    return new TopicSet(
        id(pipeline),
        TopicPlan.of(pipeline).stream()
            .collect(
                Collectors.toMap(
                    TopicSpec::name,
                    t -> new TopicState(t.partitions(), t.replicas(), t.retentionMs()))));
  }

  @Override
  public Matcher.Result<TopicSet> match(
      TopicSet actual, DataPipeline pipeline, Context<DataPipeline> context) {
    return Matcher.Result.nonComputed(actual.satisfies(TopicPlan.of(pipeline)));
  }

  @Override
  public TopicSet create(TopicSet desired, DataPipeline pipeline, Context<DataPipeline> context) {
    topics.ensure(bootstrap(pipeline), TopicPlan.of(pipeline));
    return desired;
  }

  @Override
  public TopicSet update(
      TopicSet actual, TopicSet desired, DataPipeline pipeline, Context<DataPipeline> context) {
    topics.ensure(bootstrap(pipeline), TopicPlan.of(pipeline));
    return desired;
  }

  @Override
  protected void handleDelete(
      DataPipeline pipeline, TopicSet secondary, Context<DataPipeline> context) {
    topics.delete(
        bootstrap(pipeline), TopicPlan.of(pipeline).stream().map(TopicSpec::name).toList());
  }

  private static String bootstrap(DataPipeline pipeline) {
    return pipeline.getSpec().getKafka().getBootstrapServers();
  }

  static String id(DataPipeline pipeline) {
    return pipeline.getMetadata().getNamespace() + "/" + pipeline.getMetadata().getName();
  }
}
