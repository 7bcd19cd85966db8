package dev.sluice.operator.pipeline.status;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.DataPipelineStatus;
import dev.sluice.api.v1alpha1.PipelinePhase;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.api.v1alpha1.StageStatus;
import dev.sluice.operator.pipeline.buckets.BucketPlan;
import dev.sluice.operator.pipeline.model.PipelineModel;
import dev.sluice.operator.pipeline.model.Stage;
import dev.sluice.operator.status.Conditions;
import dev.sluice.operator.status.Reason;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Computes a DataPipeline's status from scratch out of its conditions and observed Deployments. */
public final class PipelineStatusBuilder {
  private static final Set<Reason> FAILURES =
      Set.of(
          Reason.ContractNotFound,
          Reason.ContractNotAccepted,
          Reason.StrimziNotInstalled,
          Reason.TopicProvisioningFailed,
          Reason.BucketProvisioningFailed,
          Reason.StageProvisioningFailed);

  private PipelineStatusBuilder() {}

  /**
   * Builds the status.
   *
   * @param model the pipeline as reconciled
   * @param contracts the ContractsBound condition
   * @param topics the TopicsReady condition
   * @param buckets the BucketsReady condition
   * @param deployments the stage Deployments as observed
   * @param stageError a Kubernetes API failure on the stages' objects, if any
   * @param now the time a changed condition transitions at
   * @return a complete status, Ready first
   */
  public static DataPipelineStatus build(
      PipelineModel model,
      Condition contracts,
      Condition topics,
      Condition buckets,
      Collection<Deployment> deployments,
      Optional<String> stageError,
      Instant now) {
    DataPipeline pipeline = model.pipeline();
    DataPipelineStatus status = new DataPipelineStatus();
    status.setObservedGeneration(pipeline.getMetadata().getGeneration());
    status.setTopics(PipelineTopics.forPipeline(model.name()));
    status.setBuckets(new ArrayList<>(BucketPlan.of(model.spec())));
    Map<String, Deployment> byName =
        deployments.stream()
            .collect(
                Collectors.toMap(d -> d.getMetadata().getName(), Function.identity(), (a, b) -> a));
    List<StageStatus> stages = new ArrayList<>();
    for (Stage stage : model.deployedStages()) {
      stages.add(stageStatus(model, stage, byName.get(model.resourceName(stage))));
    }
    status.setStages(stages);
    long ready = stages.stream().filter(PipelineStatusBuilder::isReady).count();
    status.setStagesReady(ready + "/" + stages.size());
    Condition stagesCondition = stagesCondition(stages, ready, stageError);
    List<Condition> parts = List.of(contracts, topics, buckets, stagesCondition);
    Condition readyCondition =
        parts.stream()
            .filter(c -> !PipelineConditions.holds(c))
            .findFirst()
            .map(
                c ->
                    Conditions.of(
                        Conditions.READY, false, Reason.valueOf(c.getReason()), c.getMessage()))
            .orElse(
                Conditions.of(Conditions.READY, true, Reason.Running, "the pipeline is running"));
    List<Condition> conditions = new ArrayList<>();
    conditions.add(readyCondition);
    conditions.addAll(parts);
    List<Condition> previous =
        pipeline.getStatus() == null ? List.of() : pipeline.getStatus().getConditions();
    status.setConditions(Conditions.stamp(conditions, previous, now));
    status.setPhase(phase(pipeline, readyCondition, parts, stages));
    return status;
  }

  private static StageStatus stageStatus(PipelineModel model, Stage stage, Deployment deployment) {
    StageStatus status = new StageStatus();
    status.setName(stage.id());
    Integer desired = model.replicas(stage);
    int readyReplicas = 0;
    if (deployment != null) {
      if (deployment.getSpec() != null && deployment.getSpec().getReplicas() != null) {
        desired = deployment.getSpec().getReplicas();
      }
      if (deployment.getStatus() != null && deployment.getStatus().getReadyReplicas() != null) {
        readyReplicas = deployment.getStatus().getReadyReplicas();
      }
    }
    status.setDesiredReplicas(Objects.requireNonNullElse(desired, model.minReplicas(stage)));
    status.setReadyReplicas(readyReplicas);
    return status;
  }

  private static boolean isReady(StageStatus stage) {
    return stage.getReadyReplicas() >= stage.getDesiredReplicas();
  }

  private static Condition stagesCondition(
      List<StageStatus> stages, long ready, Optional<String> error) {
    if (error.isPresent()) {
      return Conditions.of(
          PipelineConditions.STAGES_READY, false, Reason.StageProvisioningFailed, error.get());
    }
    if (ready == stages.size()) {
      return Conditions.of(
          PipelineConditions.STAGES_READY,
          true,
          Reason.StagesReady,
          ready + "/" + stages.size() + " stages ready");
    }
    String waiting =
        stages.stream()
            .filter(s -> !isReady(s))
            .map(s -> s.getName() + " " + s.getReadyReplicas() + "/" + s.getDesiredReplicas())
            .collect(Collectors.joining(", "));
    return Conditions.of(
        PipelineConditions.STAGES_READY,
        false,
        Reason.StagesNotReady,
        "replicas ready: " + waiting);
  }

  private static PipelinePhase phase(
      DataPipeline pipeline, Condition ready, List<Condition> parts, List<StageStatus> stages) {
    if (PipelineConditions.holds(ready)) {
      return PipelinePhase.Running;
    }
    if (FAILURES.contains(Reason.valueOf(ready.getReason()))) {
      return PipelinePhase.Failed;
    }
    boolean provisioned = parts.subList(0, 3).stream().allMatch(PipelineConditions::holds);
    PipelinePhase before = pipeline.getStatus() == null ? null : pipeline.getStatus().getPhase();
    boolean wasUp = before == PipelinePhase.Running || before == PipelinePhase.Degraded;
    boolean someUp = stages.stream().anyMatch(s -> s.getReadyReplicas() > 0);
    if (provisioned && wasUp && someUp) {
      return PipelinePhase.Degraded;
    }
    return PipelinePhase.Provisioning;
  }
}
