package dev.sluice.operator.pipeline.model;

import dev.sluice.api.v1alpha1.ContractVersion;
import dev.sluice.api.v1alpha1.DataContract;
import java.util.List;

/**
 * What a pipeline needs to know of a contract it references: its accepted versions, whose change
 * rolls the stages that validate against it.
 *
 * @param name metadata.name of the DataContract
 * @param acceptedVersion the served version, or null when none was accepted yet
 * @param fingerprints fingerprints of every accepted version, oldest first
 */
public record ContractSnapshot(String name, Integer acceptedVersion, List<String> fingerprints) {
  /**
   * Reads the snapshot from a contract's status.
   *
   * @param contract a DataContract
   * @return the snapshot; {@code acceptedVersion} null when the status has none
   */
  public static ContractSnapshot of(DataContract contract) {
    if (contract.getStatus() == null) {
      return new ContractSnapshot(contract.getMetadata().getName(), null, List.of());
    }
    return new ContractSnapshot(
        contract.getMetadata().getName(),
        contract.getStatus().getAcceptedVersion(),
        contract.getStatus().getVersions().stream().map(ContractVersion::getFingerprint).toList());
  }

  /** Whether pipelines can use the contract (it has an accepted version). */
  public boolean accepted() {
    return acceptedVersion != null;
  }

  /** A stable text of the snapshot, part of a stage's config hash. */
  public String digestInput() {
    return name + "=" + acceptedVersion + ":" + String.join(",", fingerprints);
  }
}
