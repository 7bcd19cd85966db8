package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The loaders of a pipeline; each is off unless set. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class LoadersSpec {
  @JsonPropertyDescription(
      "Index enriched events (and dead letters) into OpenSearch/Elasticsearch.")
  private RealtimeLoaderSpec realtime;

  @JsonPropertyDescription("Write enriched events as objects to the object store.")
  private BatchLoaderSpec batch;

  public RealtimeLoaderSpec getRealtime() {
    return realtime;
  }

  public void setRealtime(RealtimeLoaderSpec realtime) {
    this.realtime = realtime;
  }

  public BatchLoaderSpec getBatch() {
    return batch;
  }

  public void setBatch(BatchLoaderSpec batch) {
    this.batch = batch;
  }
}
