package dev.sluice.operator.pipeline.dependent;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.operator.Labels;
import dev.sluice.operator.pipeline.model.CollectorServices;
import io.fabric8.kubernetes.api.model.Service;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;

/** The collector's Service (HTTP and gRPC). */
public class CollectorServiceDependentResource
    extends CRUDKubernetesDependentResource<Service, DataPipeline> {
  @SuppressWarnings("this-escape") // configureWith only stores the informer configuration
  public CollectorServiceDependentResource() {
    super(Service.class);
    configureWith(
        new KubernetesDependentResourceConfigBuilder<Service>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(Service.class)
                    .withLabelSelector(Labels.SELECTOR + "," + Labels.PIPELINE)
                    .build())
            .build());
  }

  @Override
  protected Service desired(DataPipeline primary, Context<DataPipeline> context) {
    return CollectorServices.desired(PipelineContext.model(context));
  }
}
