package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A Secret in the resource's namespace; the keys it must hold are named by the referring field. */
public class SecretReference {
  @Required
  @Pattern(SluiceApi.NAME_PATTERN)
  @JsonPropertyDescription("metadata.name of the Secret.")
  private String name;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }
}
