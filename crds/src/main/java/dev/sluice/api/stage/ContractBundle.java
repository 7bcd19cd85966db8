package dev.sluice.api.stage;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.sluice.api.v1alpha1.Sla;
import java.util.ArrayList;
import java.util.List;

/**
 * Every accepted version of one DataContract, as the runtime validates against them ({@code
 * contract.json} in the {@code <contract>-schemas} ConfigMap). Events that declare an older version
 * are validated against that version; events that declare none, against {@code acceptedVersion}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContractBundle {
  private String name;
  private String eventType;
  private int acceptedVersion;
  private List<ContractSchemaVersion> versions = new ArrayList<>();
  private Sla sla;

  /** metadata.name of the DataContract. */
  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  /** The CloudEvents {@code type} the contract governs. */
  public String getEventType() {
    return eventType;
  }

  public void setEventType(String eventType) {
    this.eventType = eventType;
  }

  /** The version events without a declared version are validated against. */
  public int getAcceptedVersion() {
    return acceptedVersion;
  }

  public void setAcceptedVersion(int acceptedVersion) {
    this.acceptedVersion = acceptedVersion;
  }

  /** Every accepted version, oldest first. */
  public List<ContractSchemaVersion> getVersions() {
    return versions;
  }

  public void setVersions(List<ContractSchemaVersion> versions) {
    this.versions = versions;
  }

  /**
   * The contract's {@code spec.sla} as applied, or null when it has none; the curation job checks
   * each window against it.
   */
  public Sla getSla() {
    return sla;
  }

  public void setSla(Sla sla) {
    this.sla = sla;
  }
}
