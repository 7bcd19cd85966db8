package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.modeldeployment.model.ModelServices;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;

/** The per-version, client and preview Services ({@link ModelServices}). */
public class ModelServicesDependentResource extends ModelBulkDependentResource<Service> {
  public ModelServicesDependentResource() {
    super(Service.class);
  }

  @Override
  protected List<Service> desired(ModelServing model, Context<ModelDeployment> context) {
    return ModelServices.desired(model);
  }
}
