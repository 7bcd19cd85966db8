package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The Kafka topics of one pipeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineTopics {
  @JsonPropertyDescription("Events accepted by the collector.")
  private String raw;

  @JsonPropertyDescription("Events the collector rejected.")
  private String rawDeadLetter;

  @JsonPropertyDescription("Valid, enriched events.")
  private String enriched;

  @JsonPropertyDescription("Events the enricher rejected or could not enrich.")
  private String enrichedDeadLetter;

  @JsonPropertyDescription("Documents or objects the loaders could not write.")
  private String loaderDeadLetter;

  public String getRaw() {
    return raw;
  }

  public void setRaw(String raw) {
    this.raw = raw;
  }

  public String getRawDeadLetter() {
    return rawDeadLetter;
  }

  public void setRawDeadLetter(String rawDeadLetter) {
    this.rawDeadLetter = rawDeadLetter;
  }

  public String getEnriched() {
    return enriched;
  }

  public void setEnriched(String enriched) {
    this.enriched = enriched;
  }

  public String getEnrichedDeadLetter() {
    return enrichedDeadLetter;
  }

  public void setEnrichedDeadLetter(String enrichedDeadLetter) {
    this.enrichedDeadLetter = enrichedDeadLetter;
  }

  public String getLoaderDeadLetter() {
    return loaderDeadLetter;
  }

  public void setLoaderDeadLetter(String loaderDeadLetter) {
    this.loaderDeadLetter = loaderDeadLetter;
  }
}
