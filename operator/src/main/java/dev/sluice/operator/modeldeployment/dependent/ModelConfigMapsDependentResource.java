package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.modeldeployment.model.ModelBatchJobs;
import dev.sluice.operator.modeldeployment.model.ModelRouters;
import dev.sluice.operator.modeldeployment.model.ModelServers;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.ArrayList;
import java.util.List;

/**
 * The model servers' ConfigMaps, one per version, the router's (provider Router), and the batch
 * job's (mode Batch).
 */
public class ModelConfigMapsDependentResource extends ModelBulkDependentResource<ConfigMap> {
  public ModelConfigMapsDependentResource() {
    super(ConfigMap.class);
  }

  @Override
  protected List<ConfigMap> desired(ModelServing model, Context<ModelDeployment> context) {
    List<ConfigMap> desired = new ArrayList<>(ModelServers.configMaps(model));
    if (!model.serves()) {
      desired.add(ModelBatchJobs.configMap(model));
    }
    if (model.routed()) {
      ModelRouters.configMap(
              model,
              context
                  .getSecondaryResourcesAsStream(ConfigMap.class)
                  .filter(c -> c.getMetadata().getName().equals(model.routerName()))
                  .findFirst())
          .ifPresent(desired::add);
    }
    return desired;
  }
}
