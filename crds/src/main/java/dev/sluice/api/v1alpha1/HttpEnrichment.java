package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import java.util.ArrayList;
import java.util.List;

/**
 * An HTTP enrichment API. GET expands {@code {field}} placeholders of {@code url} from the event's
 * data; POST sends the {@code fields} as a JSON object. The JSON answer is merged into data under
 * {@code targetField}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class HttpEnrichment {
  @Required
  @Pattern("^https?://.+$")
  @JsonPropertyDescription(
      "URL of the API; GET URLs may hold {field} placeholders, e.g. http://geo/airports/{origin}.")
  private String url;

  @Default("POST")
  @JsonPropertyDescription("GET or POST.")
  private HttpMethod method = HttpMethod.POST;

  @JsonPropertyDescription("Fields of the event's data sent in a POST body.")
  private List<String> fields = new ArrayList<>();

  @Required
  @Pattern("^[A-Za-z_][A-Za-z0-9_]*$")
  @JsonPropertyDescription("Field of data that receives the API's JSON answer.")
  private String targetField;

  @Default("2s")
  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription("Timeout of one call.")
  private String timeout = "2s";

  @Default("3")
  @Min(0)
  @Max(10)
  @JsonPropertyDescription("Retries after a failed call, with jittered exponential backoff.")
  private Integer retries = 3;

  @Default("64")
  @Min(1)
  @Max(10000)
  @JsonPropertyDescription("Most calls in flight at once per enricher replica.")
  private Integer maxInFlight = 64;

  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription("Keep answers this long, keyed by the request; unset disables caching.")
  private String cacheTtl;

  @Default("0.5")
  @Min(0)
  @Max(1)
  @JsonPropertyDescription(
      "Share of failed calls (0..1) over the recent window that opens the circuit breaker.")
  private Double circuitBreakerFailureRatio = 0.5;

  @Default("30s")
  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription("How long an open circuit breaker fails calls before trying again.")
  private String circuitBreakerOpenFor = "30s";

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public HttpMethod getMethod() {
    return method;
  }

  public void setMethod(HttpMethod method) {
    this.method = method;
  }

  public List<String> getFields() {
    return fields;
  }

  public void setFields(List<String> fields) {
    this.fields = fields;
  }

  public String getTargetField() {
    return targetField;
  }

  public void setTargetField(String targetField) {
    this.targetField = targetField;
  }

  public String getTimeout() {
    return timeout;
  }

  public void setTimeout(String timeout) {
    this.timeout = timeout;
  }

  public Integer getRetries() {
    return retries;
  }

  public void setRetries(Integer retries) {
    this.retries = retries;
  }

  public Integer getMaxInFlight() {
    return maxInFlight;
  }

  public void setMaxInFlight(Integer maxInFlight) {
    this.maxInFlight = maxInFlight;
  }

  public String getCacheTtl() {
    return cacheTtl;
  }

  public void setCacheTtl(String cacheTtl) {
    this.cacheTtl = cacheTtl;
  }

  public Double getCircuitBreakerFailureRatio() {
    return circuitBreakerFailureRatio;
  }

  public void setCircuitBreakerFailureRatio(Double circuitBreakerFailureRatio) {
    this.circuitBreakerFailureRatio = circuitBreakerFailureRatio;
  }

  public String getCircuitBreakerOpenFor() {
    return circuitBreakerOpenFor;
  }

  public void setCircuitBreakerOpenFor(String circuitBreakerOpenFor) {
    this.circuitBreakerOpenFor = circuitBreakerOpenFor;
  }
}
