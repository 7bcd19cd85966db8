package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.fabric8.generator.annotation.Required;

/**
 * One observation of a resource, in the shape of Kubernetes' {@code metav1.Condition}.
 *
 * <p>{@code reason} is a CamelCase word from a closed set, {@code message} is for humans, and
 * {@code lastTransitionTime} (RFC 3339) only moves when {@code status} changes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "type",
  "status",
  "reason",
  "message",
  "lastTransitionTime",
  "observedGeneration"
})
public class Condition {
  /** Value of {@link #getStatus()}. */
  public static final String TRUE = "True";

  /** Value of {@link #getStatus()}. */
  public static final String FALSE = "False";

  /** Value of {@link #getStatus()}. */
  public static final String UNKNOWN = "Unknown";

  @Required
  @JsonPropertyDescription("Kind of condition, for example Ready, Progressing or Degraded.")
  private String type;

  @Required
  @JsonPropertyDescription("True, False or Unknown.")
  private String status;

  @JsonPropertyDescription("One CamelCase word saying why the condition has this status.")
  private String reason;

  @JsonPropertyDescription("Human-readable details, naming the field or object at fault.")
  private String message;

  @JsonPropertyDescription("When status last changed (RFC 3339).")
  private String lastTransitionTime;

  @JsonPropertyDescription("metadata.generation of the resource this condition was computed from.")
  private Long observedGeneration;

  public Condition() {}

  /**
   * Creates a condition.
   *
   * @param type condition type, e.g. {@code Ready}
   * @param status {@link #TRUE}, {@link #FALSE} or {@link #UNKNOWN}
   * @param reason CamelCase reason word
   * @param message human-readable details
   * @param lastTransitionTime RFC 3339 time the status last changed
   */
  public Condition(
      String type, String status, String reason, String message, String lastTransitionTime) {
    this.type = type;
    this.status = status;
    this.reason = reason;
    this.message = message;
    this.lastTransitionTime = lastTransitionTime;
  }

  public String getType() {
    return type;
  }

  public void setType(String type) {
    this.type = type;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getReason() {
    return reason;
  }

  public void setReason(String reason) {
    this.reason = reason;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }

  public String getLastTransitionTime() {
    return lastTransitionTime;
  }

  public void setLastTransitionTime(String lastTransitionTime) {
    this.lastTransitionTime = lastTransitionTime;
  }

  public Long getObservedGeneration() {
    return observedGeneration;
  }

  public void setObservedGeneration(Long observedGeneration) {
    this.observedGeneration = observedGeneration;
  }
}
