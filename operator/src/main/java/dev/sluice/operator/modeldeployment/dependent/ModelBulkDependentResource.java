package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.Labels;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the dependents holding a ModelDeployment's objects of one kind (ConfigMaps, Deployments,
 * Services, HPAs): owned by the ModelDeployment, watched through an informer scoped to the
 * operator's label and {@code sluice.dev/model-deployment}, and pruned when the plan no longer asks
 * for them (a version scaled away, the router of a provider that has none).
 *
 * @param <R> the Kubernetes kind
 */
public abstract class ModelBulkDependentResource<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, ModelDeployment>
    implements CRUDKubernetesBulkDependentResource<R, ModelDeployment>,
        KubernetesBulkDependentResource<R, ModelDeployment> {

  /**
   * @param type the Kubernetes kind
   */
  @SuppressWarnings("this-escape") // configureWith only stores the informer configuration
  protected ModelBulkDependentResource(Class<R> type) {
    super(type);
    configureWith(
        new KubernetesDependentResourceConfigBuilder<R>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(type)
                    .withLabelSelector(Labels.SELECTOR + "," + Labels.MODEL_DEPLOYMENT)
                    .build())
            .build());
  }

  /**
   * The objects the deployment wants.
   *
   * @param model the deployment and its serving plan
   * @param context the reconciliation, for the objects as they are
   * @return the desired objects, possibly none
   */
  protected abstract List<R> desired(ModelServing model, Context<ModelDeployment> context);

  @Override
  public Map<ResourceID, R> desiredResources(
      ModelDeployment primary, Context<ModelDeployment> context) {
    Map<ResourceID, R> desired = new LinkedHashMap<>();
    desired(ServingContext.model(context), context)
        .forEach(r -> desired.put(ResourceID.fromResource(r), r));
    return desired;
  }
}
