package dev.sluice.operator.pipeline.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.DataPipelineStatus;
import dev.sluice.api.v1alpha1.PipelinePhase;
import dev.sluice.operator.pipeline.Pipelines;
import dev.sluice.operator.pipeline.buckets.BucketSet;
import dev.sluice.operator.pipeline.model.PipelineModel;
import dev.sluice.operator.pipeline.model.Stage;
import dev.sluice.operator.pipeline.model.StageDeployments;
import dev.sluice.operator.pipeline.topics.TopicPlan;
import dev.sluice.operator.pipeline.topics.TopicSet;
import dev.sluice.operator.pipeline.topics.TopicState;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Pipeline conditions and status from observations, without Kubernetes. */
class PipelineStatusBuilderTest {
  static final Instant T1 = Instant.parse("2026-01-01T10:00:00Z");
  static final Instant T2 = Instant.parse("2026-01-01T11:00:00Z");

  final DataPipeline pipeline = Pipelines.flights();
  final PipelineModel model = Pipelines.model(pipeline);

  @Test
  void missingAndUnacceptedContractsAreNamed() {
    PipelineModel none = new PipelineModel(pipeline, Map.of(), Pipelines.IMAGE);
    Condition missing = PipelineConditions.contracts(none);
    assertThat(missing.getReason()).isEqualTo("ContractNotFound");
    assertThat(missing.getMessage()).contains("flight-departed").contains("namespace data");

    PipelineModel unaccepted =
        new PipelineModel(
            pipeline,
            Map.of(
                "flight-departed",
                new dev.sluice.operator.pipeline.model.ContractSnapshot(
                    "flight-departed", null, List.of())),
            Pipelines.IMAGE);
    assertThat(PipelineConditions.contracts(unaccepted).getReason())
        .isEqualTo("ContractNotAccepted");
    assertThat(PipelineConditions.contracts(model).getMessage())
        .isEqualTo("bound to flight-departed v1");
  }

  @Test
  void adminTopicsAreReadyWhenTheBrokerMatchesThePlan() {
    var plan = TopicPlan.of(pipeline);
    Map<String, TopicState> all =
        plan.stream()
            .collect(Collectors.toMap(t -> t.name(), t -> new TopicState(3, 1, t.retentionMs())));
    assertThat(
            PipelineConditions.adminTopics(
                    plan, Optional.of(new TopicSet("data/flights", all)), Optional.empty())
                .getStatus())
        .isEqualTo(Condition.TRUE);
    assertThat(
            PipelineConditions.adminTopics(plan, Optional.empty(), Optional.empty()).getMessage())
        .startsWith("creating topics: flights.raw");
    assertThat(
            PipelineConditions.adminTopics(plan, Optional.empty(), Optional.of("boom")).getReason())
        .isEqualTo("TopicProvisioningFailed");
  }

  @Test
  void strimziNeedsItsCrdAndReadyKafkaTopics() {
    var plan = TopicPlan.of(pipeline);
    assertThat(
            PipelineConditions.strimziTopics(false, plan, List.of(), Optional.empty()).getReason())
        .isEqualTo("StrimziNotInstalled");
    assertThat(
            PipelineConditions.strimziTopics(true, plan, List.of(), Optional.empty()).getReason())
        .isEqualTo("TopicsNotReady");
  }

  @Test
  void bucketsAreOptional() {
    assertThat(
            PipelineConditions.buckets(List.of(), Optional.empty(), Optional.empty()).getReason())
        .isEqualTo("NoBuckets");
    assertThat(
            PipelineConditions.buckets(
                    List.of("a", "b"),
                    Optional.of(new BucketSet("x", Set.of("a"))),
                    Optional.empty())
                .getMessage())
        .isEqualTo("creating buckets: b");
  }

  @Test
  void readyTakesTheFirstFailingConditionAndTimesMoveOnlyOnChange() {
    Condition bound = PipelineConditions.contracts(model);
    Condition topics =
        PipelineConditions.strimziTopics(
            false, TopicPlan.of(pipeline), List.of(), Optional.empty());
    Condition buckets = PipelineConditions.buckets(List.of(), Optional.empty(), Optional.empty());
    DataPipelineStatus first =
        PipelineStatusBuilder.build(model, bound, topics, buckets, List.of(), Optional.empty(), T1);
    assertThat(first.getConditions())
        .extracting(Condition::getType)
        .containsExactly("Ready", "ContractsBound", "TopicsReady", "BucketsReady", "StagesReady");
    Condition ready = first.condition("Ready").orElseThrow();
    assertThat(ready.getStatus()).isEqualTo(Condition.FALSE);
    assertThat(ready.getReason()).isEqualTo("StrimziNotInstalled");
    assertThat(first.getPhase()).isEqualTo(PipelinePhase.Failed);
    assertThat(first.getStagesReady()).isEqualTo("0/4");

    pipeline.setStatus(first);
    List<Deployment> ready4 =
        model.deployedStages().stream().map(s -> readyDeployment(model, s)).toList();
    Condition topicsOk =
        PipelineConditions.adminTopics(
            TopicPlan.of(pipeline),
            Optional.of(
                new TopicSet(
                    "data/flights",
                    TopicPlan.of(pipeline).stream()
                        .collect(
                            Collectors.toMap(
                                t -> t.name(), t -> new TopicState(3, 1, t.retentionMs()))))),
            Optional.empty());
    DataPipelineStatus second =
        PipelineStatusBuilder.build(
            Pipelines.model(pipeline),
            PipelineConditions.contracts(model),
            topicsOk,
            PipelineConditions.buckets(List.of(), Optional.empty(), Optional.empty()),
            ready4,
            Optional.empty(),
            T2);
    assertThat(second.condition("Ready").orElseThrow().getReason()).isEqualTo("Running");
    assertThat(second.condition("Ready").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T11:00:00Z");
    assertThat(second.condition("ContractsBound").orElseThrow().getLastTransitionTime())
        .isEqualTo("2026-01-01T10:00:00Z");
    assertThat(second.getPhase()).isEqualTo(PipelinePhase.Running);
    assertThat(second.getStagesReady()).isEqualTo("4/4");
  }

  @Test
  void aStageErrorIsStageProvisioningFailed() {
    DataPipelineStatus status =
        PipelineStatusBuilder.build(
            model,
            PipelineConditions.contracts(model),
            PipelineConditions.adminTopics(
                TopicPlan.of(pipeline), Optional.empty(), Optional.empty()),
            PipelineConditions.buckets(List.of(), Optional.empty(), Optional.empty()),
            List.of(),
            Optional.of("Deployment flights-enricher is invalid"),
            T1);
    assertThat(status.condition("StagesReady").orElseThrow().getReason())
        .isEqualTo("StageProvisioningFailed");
  }

  private static Deployment readyDeployment(PipelineModel model, Stage stage) {
    Deployment d = StageDeployments.desired(model, stage);
    d.setStatus(new DeploymentStatusBuilder().withReadyReplicas(d.getSpec().getReplicas()).build());
    return d;
  }
}
