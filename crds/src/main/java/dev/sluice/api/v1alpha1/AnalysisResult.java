package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** The numbers and verdict of one analysis run. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AnalysisResult {
  @JsonPropertyDescription("When the analysis ran (RFC 3339).")
  private String time;

  @JsonPropertyDescription("Pass, Fail or Inconclusive (too few requests).")
  private String verdict;

  @JsonPropertyDescription("Candidate requests in the window.")
  private Long requests;

  @JsonPropertyDescription("Candidate error rate in the window, 0..1.")
  private Double errorRate;

  @JsonPropertyDescription("Candidate p99 latency in the window, milliseconds.")
  private Double p99LatencyMs;

  @JsonPropertyDescription("Share of shadow answers that differed from stable, 0..1.")
  private Double disagreementRate;

  @JsonPropertyDescription("Why the verdict was reached, naming the threshold.")
  private String message;

  public String getTime() {
    return time;
  }

  public void setTime(String time) {
    this.time = time;
  }

  public String getVerdict() {
    return verdict;
  }

  public void setVerdict(String verdict) {
    this.verdict = verdict;
  }

  public Long getRequests() {
    return requests;
  }

  public void setRequests(Long requests) {
    this.requests = requests;
  }

  public Double getErrorRate() {
    return errorRate;
  }

  public void setErrorRate(Double errorRate) {
    this.errorRate = errorRate;
  }

  public Double getP99LatencyMs() {
    return p99LatencyMs;
  }

  public void setP99LatencyMs(Double p99LatencyMs) {
    this.p99LatencyMs = p99LatencyMs;
  }

  public Double getDisagreementRate() {
    return disagreementRate;
  }

  public void setDisagreementRate(Double disagreementRate) {
    this.disagreementRate = disagreementRate;
  }

  public String getMessage() {
    return message;
  }

  public void setMessage(String message) {
    this.message = message;
  }
}
