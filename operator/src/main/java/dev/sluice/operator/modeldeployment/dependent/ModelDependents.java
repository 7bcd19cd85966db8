package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.pipeline.topics.CrdPresence;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Workflow;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowBuilder;

/**
 * Every dependent resource of a ModelDeployment and the workflow that orders them: ConfigMaps
 * before the Deployments and the CronJob that mount them, Deployments before their autoscalers;
 * Services and the HTTPRoute independent.
 *
 * @param configMaps model-server and router ConfigMaps
 * @param deployments model-server and router Deployments
 * @param services per-version, client and preview Services
 * @param autoscalers one HPA per serving version (spec.autoscaling)
 * @param cronJob the batch job (mode Batch)
 * @param httpRoute the HTTPRoute (provider GatewayAPI)
 */
public record ModelDependents(
    ModelConfigMapsDependentResource configMaps,
    ModelDeploymentsDependentResource deployments,
    ModelServicesDependentResource services,
    ModelAutoscalersDependentResource autoscalers,
    ModelCronJobDependentResource cronJob,
    HttpRouteDependentResource httpRoute) {

  /**
   * Builds the workflow. Errors are collected, not thrown, so the reconciler can report them.
   *
   * @param crds decides whether the HTTPRoute dependent is active
   * @return the workflow over every dependent
   */
  public Workflow<ModelDeployment> workflow(CrdPresence crds) {
    return new WorkflowBuilder<ModelDeployment>()
        .addDependentResource(configMaps)
        .addDependentResourceAndConfigure(deployments)
        .dependsOn(configMaps)
        .addDependentResourceAndConfigure(autoscalers)
        .dependsOn(deployments)
        .addDependentResourceAndConfigure(cronJob)
        .dependsOn(configMaps)
        .addDependentResource(services)
        .addDependentResourceAndConfigure(httpRoute)
        .withActivationCondition(new GatewayApiCondition(crds))
        .withThrowExceptionFurther(false)
        .build();
  }
}
