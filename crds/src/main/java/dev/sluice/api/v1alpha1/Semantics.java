package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** What an event stands for, for people reading the contract. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Semantics {
  @JsonPropertyDescription("The business entity an event describes, e.g. Flight.")
  private String entity;

  @JsonPropertyDescription("When the event is emitted and what its fields mean.")
  private String description;

  public String getEntity() {
    return entity;
  }

  public void setEntity(String entity) {
    this.entity = entity;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }
}
