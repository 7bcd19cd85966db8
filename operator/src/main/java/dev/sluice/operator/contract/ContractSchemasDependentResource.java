package dev.sluice.operator.contract;

import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.operator.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;

/**
 * The {@code <contract>-schemas} ConfigMap: the store of every accepted schema, owned by (and
 * garbage-collected with) its DataContract. Its desired data is the evaluation the reconciler put
 * in the context under {@link #STORE}.
 */
public class ContractSchemasDependentResource
    extends CRUDKubernetesDependentResource<ConfigMap, DataContract> {
  /** Context key of the {@link ContractStore} to write. */
  public static final String STORE = "sluice.contractStore";

  @SuppressWarnings("this-escape") // configureWith only stores the informer configuration
  public ContractSchemasDependentResource() {
    super(ConfigMap.class);
    configureWith(
        new KubernetesDependentResourceConfigBuilder<ConfigMap>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(ConfigMap.class)
                    .withLabelSelector(Labels.SELECTOR + "," + Labels.CONTRACT)
                    .build())
            .build());
  }

  @Override
  protected ConfigMap desired(DataContract contract, Context<DataContract> context) {
    ContractStore store =
        context
            .managedWorkflowAndDependentResourceContext()
            .getMandatory(STORE, ContractStore.class);
    return ContractSchemasConfigMap.desired(contract, store);
  }
}
