package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The Kafka topics of one pipeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PipelineTopics {
  /**
   * The topic names of a pipeline: {@code <pipeline>.raw}, {@code <pipeline>.raw.dlq}, {@code
   * <pipeline>.enriched}, {@code <pipeline>.enriched.dlq} and {@code <pipeline>.loader.dlq}.
   *
   * @param pipeline metadata.name of the DataPipeline (a DNS-1123 name, so a legal topic name)
   * @return the names, every field set
   */
  public static PipelineTopics forPipeline(String pipeline) {
    PipelineTopics topics = new PipelineTopics();
    topics.raw = pipeline + ".raw";
    topics.rawDeadLetter = pipeline + ".raw.dlq";
    topics.enriched = pipeline + ".enriched";
    topics.enrichedDeadLetter = pipeline + ".enriched.dlq";
    topics.loaderDeadLetter = pipeline + ".loader.dlq";
    return topics;
  }

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
