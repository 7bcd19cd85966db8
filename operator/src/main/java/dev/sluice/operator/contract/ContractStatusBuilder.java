package dev.sluice.operator.contract;

import dev.sluice.api.v1alpha1.ContractPhase;
import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataContractStatus;
import dev.sluice.operator.status.Conditions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Computes a DataContract's status from scratch. Pure. */
public final class ContractStatusBuilder {
  private ContractStatusBuilder() {}

  /**
   * Builds the status.
   *
   * @param contract the contract as reconciled (its current status supplies transition times)
   * @param evaluation the verdict on its spec
   * @param boundPipelines names of the DataPipelines referencing it, sorted
   * @param now the time a changed condition transitions at
   * @return a complete status
   */
  public static DataContractStatus build(
      DataContract contract,
      ContractEvaluation evaluation,
      List<String> boundPipelines,
      Instant now) {
    DataContractStatus status = new DataContractStatus();
    status.setObservedGeneration(contract.getMetadata().getGeneration());
    status.setPhase(evaluation.accepted() ? ContractPhase.Accepted : ContractPhase.Rejected);
    evaluation
        .store()
        .ifPresent(
            store -> {
              status.setAcceptedVersion(store.bundle().getAcceptedVersion());
              status.setVersions(new ArrayList<>(store.history()));
            });
    status.setBoundPipelines(new ArrayList<>(boundPipelines));
    var ready =
        Conditions.of(
            Conditions.READY, evaluation.accepted(), evaluation.reason(), evaluation.message());
    List<dev.sluice.api.v1alpha1.Condition> previous =
        contract.getStatus() == null ? List.of() : contract.getStatus().getConditions();
    status.setConditions(Conditions.stamp(new ArrayList<>(List.of(ready)), previous, now));
    return status;
  }
}
