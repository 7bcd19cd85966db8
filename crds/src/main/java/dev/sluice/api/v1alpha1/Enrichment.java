package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** One enrichment step: an HTTP API call or a lookup table, exactly one of them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.http) != has(self.lookup)",
    message = "an enrichment sets exactly one of http or lookup")
public class Enrichment {
  @Required
  @Pattern(SluiceApi.NAME_PATTERN)
  @JsonPropertyDescription("Name of the step, used in metrics and dead-letter headers.")
  private String name;

  @JsonPropertyDescription("Call an HTTP API and merge its answer into the event's data.")
  private HttpEnrichment http;

  @JsonPropertyDescription("Add columns of a lookup table keyed by a field of the event.")
  private LookupEnrichment lookup;

  @Default("deadLetter")
  @JsonPropertyDescription(
      "When the step fails: deadLetter (the event goes to the enriched dead-letter topic) or"
          + " continue (the event passes and the failure is recorded in the sluiceenrichmenterror"
          + " extension attribute).")
  private OnError onError = OnError.DEAD_LETTER;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public HttpEnrichment getHttp() {
    return http;
  }

  public void setHttp(HttpEnrichment http) {
    this.http = http;
  }

  public LookupEnrichment getLookup() {
    return lookup;
  }

  public void setLookup(LookupEnrichment lookup) {
    this.lookup = lookup;
  }

  public OnError getOnError() {
    return onError;
  }

  public void setOnError(OnError onError) {
    this.onError = onError;
  }
}
