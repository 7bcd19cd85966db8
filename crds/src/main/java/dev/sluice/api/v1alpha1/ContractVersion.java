package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One accepted version of a contract's schema. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContractVersion {
  @JsonPropertyDescription("The version number.")
  private Integer version;

  @JsonPropertyDescription(
      "sha256 of the schema in canonical JSON (sorted keys, no whitespace), hex-encoded.")
  private String fingerprint;

  @JsonPropertyDescription("When the operator accepted this version (RFC 3339).")
  private String acceptedAt;

  @JsonPropertyDescription("The compatibility mode it was checked under.")
  private Compatibility compatibility;

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  public String getFingerprint() {
    return fingerprint;
  }

  public void setFingerprint(String fingerprint) {
    this.fingerprint = fingerprint;
  }

  public String getAcceptedAt() {
    return acceptedAt;
  }

  public void setAcceptedAt(String acceptedAt) {
    this.acceptedAt = acceptedAt;
  }

  public Compatibility getCompatibility() {
    return compatibility;
  }

  public void setCompatibility(Compatibility compatibility) {
    this.compatibility = compatibility;
  }
}
