package dev.sluice.operator.pipeline.dependent;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.TopicProvisioner;
import dev.sluice.operator.pipeline.buckets.BucketsDependentResource;
import dev.sluice.operator.pipeline.buckets.BucketsWantedCondition;
import dev.sluice.operator.pipeline.topics.AdminTopicsDependentResource;
import dev.sluice.operator.pipeline.topics.CrdPresence;
import dev.sluice.operator.pipeline.topics.ProvisionerCondition;
import dev.sluice.operator.pipeline.topics.StrimziTopicsDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Workflow;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowBuilder;

/**
 * Every dependent resource of a DataPipeline and the workflow that orders them: stage ConfigMaps
 * before the Deployments and the CronJob that mount them, Deployments before their autoscalers;
 * topics and buckets independent of the stages (the runtime waits for them).
 *
 * @param configMaps one ConfigMap per stage
 * @param deployments one Deployment per long-running stage
 * @param service the collector's Service
 * @param autoscalers one HPA per autoscaled stage
 * @param disruptionBudgets one PDB per stage with more than one replica
 * @param cronJob the curation CronJob
 * @param strimziTopics KafkaTopics (provisioner Strimzi, CRD installed)
 * @param adminTopics topics through the Admin API (provisioner Admin)
 * @param buckets the object-store buckets (when any is configured)
 */
public record PipelineDependents(
    StageConfigMapsDependentResource configMaps,
    StageDeploymentsDependentResource deployments,
    CollectorServiceDependentResource service,
    StageAutoscalersDependentResource autoscalers,
    StageDisruptionBudgetsDependentResource disruptionBudgets,
    CurationCronJobDependentResource cronJob,
    StrimziTopicsDependentResource strimziTopics,
    AdminTopicsDependentResource adminTopics,
    BucketsDependentResource buckets) {

  /**
   * Builds the workflow. Errors are collected, not thrown, so the reconciler can report them.
   *
   * @param crds decides whether the Strimzi topic dependent is active
   * @return the workflow over every dependent
   */
  public Workflow<DataPipeline> workflow(CrdPresence crds) {
    return new WorkflowBuilder<DataPipeline>()
        .addDependentResource(configMaps)
        .addDependentResourceAndConfigure(deployments)
        .dependsOn(configMaps)
        .addDependentResource(service)
        .addDependentResourceAndConfigure(autoscalers)
        .dependsOn(deployments)
        .addDependentResource(disruptionBudgets)
        .addDependentResourceAndConfigure(cronJob)
        .dependsOn(configMaps)
        .addDependentResourceAndConfigure(strimziTopics)
        .withActivationCondition(new ProvisionerCondition(TopicProvisioner.Strimzi, crds))
        .addDependentResourceAndConfigure(adminTopics)
        .withActivationCondition(new ProvisionerCondition(TopicProvisioner.Admin, crds))
        .addDependentResourceAndConfigure(buckets)
        .withActivationCondition(new BucketsWantedCondition())
        .withThrowExceptionFurther(false)
        .build();
  }
}
