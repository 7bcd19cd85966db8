package dev.sluice.operator.contract;

import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.operator.Labels;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import java.util.Map;
import java.util.TreeMap;

/** Desired state of a contract's {@code <contract>-schemas} ConfigMap. Pure. */
public final class ContractSchemasConfigMap {
  private ContractSchemasConfigMap() {}

  /**
   * The ConfigMap name for a contract.
   *
   * @param contract metadata.name of the DataContract
   * @return {@code <contract>-schemas}
   */
  public static String name(String contract) {
    return contract + "-schemas";
  }

  /**
   * The ConfigMap holding a contract's accepted versions.
   *
   * @param contract the DataContract (name and namespace are used)
   * @param store the accepted versions
   * @return a ConfigMap with keys {@code contract.json} and {@code versions.json}
   */
  public static ConfigMap desired(DataContract contract, ContractStore store) {
    Map<String, String> labels = Labels.managed();
    labels.put(Labels.CONTRACT, contract.getMetadata().getName());
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name(contract.getMetadata().getName()))
        .withNamespace(contract.getMetadata().getNamespace())
        .withLabels(labels)
        .endMetadata()
        .withData(new TreeMap<>(store.toData()))
        .build();
  }
}
