package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A PromQL query whose single result is the candidate's error rate (0..1). */
public class PrometheusAnalysis {
  @Required
  @Pattern("^https?://[^\\s/]+(/.*)?$")
  @JsonPropertyDescription("Base URL of the Prometheus server.")
  private String url;

  @Required
  @JsonPropertyDescription(
      "PromQL query returning one number, the candidate's error rate; {{version}} is replaced by"
          + " the candidate version.")
  private String query;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getQuery() {
    return query;
  }

  public void setQuery(String query) {
    this.query = query;
  }
}
