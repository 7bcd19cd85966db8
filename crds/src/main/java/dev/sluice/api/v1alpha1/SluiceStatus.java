package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What every Sluice status carries: the generation it reflects and its conditions, {@code Ready}
 * first (Kubernetes API conventions).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public abstract class SluiceStatus {
  @JsonPropertyDescription(
      "metadata.generation of the spec this status was computed from; when it lags behind, the"
          + " operator has not yet acted on the latest change.")
  private Long observedGeneration;

  @JsonPropertyDescription("Current observations of the resource; Ready first.")
  private List<Condition> conditions = new ArrayList<>();

  /**
   * Finds a condition by type.
   *
   * @param type condition type such as {@code Ready}
   * @return the condition, or empty when the status has none of that type
   */
  @JsonIgnore
  public Optional<Condition> condition(String type) {
    return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }

  public List<Condition> getConditions() {
    return conditions;
  }

  public void setConditions(List<Condition> conditions) {
    this.conditions = conditions;
  }
}
