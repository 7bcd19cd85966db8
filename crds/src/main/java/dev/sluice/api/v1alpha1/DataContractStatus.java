package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;

/** Observed state of a {@link DataContract}: which version is served and which pipelines use it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataContractStatus extends SluiceStatus {
  @JsonPropertyDescription("Pending, Accepted (the spec's version is served) or Rejected.")
  private ContractPhase phase;

  @JsonPropertyDescription(
      "The version pipelines validate new events against; stays at the last good version while a"
          + " newer spec is rejected.")
  private Integer acceptedVersion;

  @JsonPropertyDescription("Every accepted version, oldest first.")
  private List<ContractVersion> versions = new ArrayList<>();

  @JsonPropertyDescription("DataPipelines (in this namespace) that reference this contract.")
  private List<String> boundPipelines = new ArrayList<>();

  public ContractPhase getPhase() {
    return phase;
  }

  public void setPhase(ContractPhase phase) {
    this.phase = phase;
  }

  public Integer getAcceptedVersion() {
    return acceptedVersion;
  }

  public void setAcceptedVersion(Integer acceptedVersion) {
    this.acceptedVersion = acceptedVersion;
  }

  public List<ContractVersion> getVersions() {
    return versions;
  }

  public void setVersions(List<ContractVersion> versions) {
    this.versions = versions;
  }

  public List<String> getBoundPipelines() {
    return boundPipelines;
  }

  public void setBoundPipelines(List<String> boundPipelines) {
    this.boundPipelines = boundPipelines;
  }
}
