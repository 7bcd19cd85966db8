package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.modeldeployment.model.ModelServices;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import java.util.List;
import java.util.Objects;

/** The per-version, client and preview Services ({@link ModelServices}). */
public class ModelServicesDependentResource extends ModelBulkDependentResource<Service> {
  public ModelServicesDependentResource() {
    super(Service.class);
  }

  @Override
  protected List<Service> desired(ModelServing model, Context<ModelDeployment> context) {
    return ModelServices.desired(model);
  }

  /**
   * Also a differing selector: the client Service of provider Replicas drops its version key when
   * traffic is split, and a matcher that only looks for desired fields in the actual object (the
   * one used without server-side apply) would not see a removed key.
   */
  @Override
  public Matcher.Result<Service> match(
      Service actual, Service desired, ModelDeployment primary, Context<ModelDeployment> context) {
    Matcher.Result<Service> result = super.match(actual, desired, primary, context);
    if (result.matched()
        && !Objects.equals(actual.getSpec().getSelector(), desired.getSpec().getSelector())) {
      return Matcher.Result.computed(false, desired);
    }
    return result;
  }
}
