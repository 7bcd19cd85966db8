package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.modeldeployment.model.ModelRouters;
import dev.sluice.operator.modeldeployment.model.ModelServers;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;

/** The model servers' Deployments, one per version, and the router's (provider Router). */
public class ModelDeploymentsDependentResource extends ModelBulkDependentResource<Deployment> {
  public ModelDeploymentsDependentResource() {
    super(Deployment.class);
  }

  @Override
  protected List<Deployment> desired(ModelServing model, Context<ModelDeployment> context) {
    List<Deployment> desired = new ArrayList<>(ModelServers.deployments(model));
    if (model.routed()) {
      desired.add(ModelRouters.deployment(model));
    }
    return desired;
  }
}
