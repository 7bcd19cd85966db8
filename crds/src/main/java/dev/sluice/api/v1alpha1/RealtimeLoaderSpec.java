package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The real-time loader: {@code _bulk} writes into daily indices {@code <indexPrefix>-yyyy.MM.dd},
 * dead letters into {@code <indexPrefix>-dlq-yyyy.MM.dd}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class RealtimeLoaderSpec {
  @Required
  @Pattern("^https?://[^\\s/]+(/.*)?$")
  @JsonPropertyDescription("Base URL of the cluster, e.g. http://opensearch:9200.")
  private String url;

  @Required
  @Pattern("^[a-z0-9][a-z0-9_-]{0,200}$")
  @JsonPropertyDescription("Prefix of the index names (lower case), e.g. flights.")
  private String indexPrefix;

  @JsonPropertyDescription(
      "Secret with the keys username and password for HTTP basic authentication.")
  private SecretReference credentialsSecret;

  @Default("1000")
  @Min(1)
  @Max(100000)
  @JsonPropertyDescription("Most documents in one _bulk request.")
  private Integer bulkMaxDocs = 1000;

  @Default("1s")
  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription("Longest time a document waits before its _bulk request is sent.")
  private String flushInterval = "1s";

  @Default("1")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Replicas of the real-time loader.")
  private Integer replicas = 1;

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getIndexPrefix() {
    return indexPrefix;
  }

  public void setIndexPrefix(String indexPrefix) {
    this.indexPrefix = indexPrefix;
  }

  public SecretReference getCredentialsSecret() {
    return credentialsSecret;
  }

  public void setCredentialsSecret(SecretReference credentialsSecret) {
    this.credentialsSecret = credentialsSecret;
  }

  public Integer getBulkMaxDocs() {
    return bulkMaxDocs;
  }

  public void setBulkMaxDocs(Integer bulkMaxDocs) {
    this.bulkMaxDocs = bulkMaxDocs;
  }

  public String getFlushInterval() {
    return flushInterval;
  }

  public void setFlushInterval(String flushInterval) {
    this.flushInterval = flushInterval;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }
}
