package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.api.v1alpha1.TrafficProvider;
import dev.sluice.operator.modeldeployment.model.HttpRoutes;
import dev.sluice.operator.pipeline.topics.CrdPresence;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/**
 * Activation condition of the HTTPRoute dependent: traffic provider GatewayAPI, and the HTTPRoute
 * CRD installed (without it the route's polling could not even start).
 */
public final class GatewayApiCondition implements Condition<Object, ModelDeployment> {
  private final CrdPresence crds;

  /**
   * @param crds checks the HTTPRoute CRD
   */
  public GatewayApiCondition(CrdPresence crds) {
    this.crds = crds;
  }

  /**
   * Whether a deployment uses provider GatewayAPI.
   *
   * @param deployment a ModelDeployment
   * @return true when spec.traffic.provider is GatewayAPI
   */
  public static boolean wanted(ModelDeployment deployment) {
    return deployment.getSpec().getTraffic() != null
        && deployment.getSpec().getTraffic().getProvider() == TrafficProvider.GatewayAPI;
  }

  @Override
  public boolean isMet(
      DependentResource<Object, ModelDeployment> dependent,
      ModelDeployment deployment,
      Context<ModelDeployment> context) {
    return wanted(deployment) && crds.installed(HttpRoutes.CRD);
  }
}
