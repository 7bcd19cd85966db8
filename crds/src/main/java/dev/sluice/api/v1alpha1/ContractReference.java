package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A reference to a {@link DataContract} in the same namespace. */
public class ContractReference {
  @Required
  @Pattern(SluiceApi.NAME_PATTERN)
  @JsonPropertyDescription("metadata.name of the DataContract.")
  private String name;

  public ContractReference() {}

  /**
   * @param name metadata.name of the DataContract
   */
  public ContractReference(String name) {
    this.name = name;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
