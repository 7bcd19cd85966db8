package dev.sluice.operator.pipeline.dependent;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.operator.Labels;
import dev.sluice.operator.pipeline.model.PipelineModel;
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
 * Base of the dependents that hold one object per stage of one kind (ConfigMaps, Deployments, HPAs,
 * PDBs, the CronJob): owned by the pipeline, watched through an informer scoped to the operator's
 * label, and pruned when the spec no longer asks for a stage's object.
 *
 * @param <R> the Kubernetes kind
 */
public abstract class PipelineBulkDependentResource<R extends HasMetadata>
    extends CRUDKubernetesDependentResource<R, DataPipeline>
    implements CRUDKubernetesBulkDependentResource<R, DataPipeline>,
        KubernetesBulkDependentResource<R, DataPipeline> {

  /**
   * @param type the Kubernetes kind
   */
  @SuppressWarnings("this-escape") // configureWith only stores the informer configuration
  protected PipelineBulkDependentResource(Class<R> type) {
    super(type);
    configureWith(
        new KubernetesDependentResourceConfigBuilder<R>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(type)
                    .withLabelSelector(Labels.SELECTOR + "," + Labels.PIPELINE)
                    .build())
            .build());
  }

  /**
   * The objects the pipeline wants, computed by a pure builder.
   *
   * @param model the pipeline model
   * @return the desired objects, possibly none
   */
  protected abstract List<R> desired(PipelineModel model);

  @Override
  public Map<ResourceID, R> desiredResources(DataPipeline primary, Context<DataPipeline> context) {
    Map<ResourceID, R> desired = new LinkedHashMap<>();
    desired(PipelineContext.model(context))
        .forEach(r -> desired.put(ResourceID.fromResource(r), r));
    return desired;
  }
}
