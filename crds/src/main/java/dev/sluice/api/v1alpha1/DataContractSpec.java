package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/**
 * Desired state of a {@link DataContract}. A change of {@code schema} must come with a higher
 * {@code version}; the operator checks it against earlier accepted versions under {@code
 * compatibility} before pipelines see it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DataContractSpec {
  @Required
  @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$")
  @JsonPropertyDescription(
      "CloudEvents type this contract governs, e.g. flight.departed. Collectors accept only events"
          + " whose type has a contract bound to their pipeline. Immutable in practice: a new type"
          + " is a new contract.")
  private String eventType;

  @Required
  @Min(1)
  @JsonPropertyDescription(
      "Schema version, an integer >= 1. Raise it with every schema change; a lower number, or a"
          + " reused number with a different schema, is refused. Changing it re-renders the"
          + " configuration of every bound pipeline and rolls their enrichers.")
  private Integer version;

  @Default("BACKWARD")
  @JsonPropertyDescription(
      "How a new version must relate to earlier accepted ones: NONE, BACKWARD (new readers read"
          + " old data), FORWARD (old readers read new data), FULL (both); the _TRANSITIVE forms"
          + " check against every earlier version instead of only the last.")
  private Compatibility compatibility = Compatibility.BACKWARD;

  @Required
  @JsonPropertyDescription("The schema of the event's data.")
  private ContractSchema schema;

  @JsonPropertyDescription("What the event means.")
  private Semantics semantics;

  @JsonPropertyDescription(
      "Teams or people accountable for the contract, e.g. team-flights@example.com.")
  private List<String> owners = new ArrayList<>();

  @JsonPropertyDescription("Teams or systems that read these events.")
  private List<String> consumers = new ArrayList<>();

  @JsonPropertyDescription("Service-level agreement checked by the curation job for every window.")
  private Sla sla;

  public String getEventType() {
    return eventType;
  }

  public void setEventType(String eventType) {
    this.eventType = eventType;
  }

  public Integer getVersion() {
    return version;
  }

  public void setVersion(Integer version) {
    this.version = version;
  }

  public Compatibility getCompatibility() {
    return compatibility;
  }

  public void setCompatibility(Compatibility compatibility) {
    this.compatibility = compatibility;
  }

  public ContractSchema getSchema() {
    return schema;
  }

  public void setSchema(ContractSchema schema) {
    this.schema = schema;
  }

  public Semantics getSemantics() {
    return semantics;
  }

  public void setSemantics(Semantics semantics) {
    this.semantics = semantics;
  }

  public List<String> getOwners() {
    return owners;
  }

  public void setOwners(List<String> owners) {
    this.owners = owners;
  }

  public List<String> getConsumers() {
    return consumers;
  }

  public void setConsumers(List<String> consumers) {
    this.consumers = consumers;
  }

  public Sla getSla() {
    return sla;
  }

  public void setSla(Sla sla) {
    this.sla = sla;
  }
}
