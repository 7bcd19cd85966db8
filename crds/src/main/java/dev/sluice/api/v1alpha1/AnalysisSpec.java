package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.ValidationRule;

/** Thresholds a candidate must meet over each analysis interval to be promoted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.provider != 'Prometheus' || has(self.prometheus)",
    message = "analysis.prometheus is required when analysis.provider is Prometheus")
public class AnalysisSpec {
  @Default("Router")
  @JsonPropertyDescription(
      "Where metrics come from: Router (the model-router's per-variant metrics) or Prometheus.")
  private AnalysisProvider provider = AnalysisProvider.Router;

  @JsonPropertyDescription("Prometheus server and query; only with provider Prometheus.")
  private PrometheusAnalysis prometheus;

  @Default("0.01")
  @Min(0)
  @Max(1)
  @JsonPropertyDescription("Largest error rate (0..1) of the candidate.")
  private Double maxErrorRate = 0.01;

  @Min(1)
  @JsonPropertyDescription("Largest p99 latency of the candidate, in milliseconds.")
  private Integer maxP99LatencyMs;

  @Default("100")
  @Min(0)
  @JsonPropertyDescription("Fewest candidate requests before the analysis judges at all.")
  private Integer minRequests = 100;

  @Default("1m")
  @Pattern(SluiceApi.DURATION_PATTERN)
  @JsonPropertyDescription("Window each analysis covers, and how often it runs.")
  private String interval = "1m";

  public AnalysisProvider getProvider() {
    return provider;
  }

  public void setProvider(AnalysisProvider provider) {
    this.provider = provider;
  }

  public PrometheusAnalysis getPrometheus() {
    return prometheus;
  }

  public void setPrometheus(PrometheusAnalysis prometheus) {
    this.prometheus = prometheus;
  }

  public Double getMaxErrorRate() {
    return maxErrorRate;
  }

  public void setMaxErrorRate(Double maxErrorRate) {
    this.maxErrorRate = maxErrorRate;
  }

  public Integer getMaxP99LatencyMs() {
    return maxP99LatencyMs;
  }

  public void setMaxP99LatencyMs(Integer maxP99LatencyMs) {
    this.maxP99LatencyMs = maxP99LatencyMs;
  }

  public Integer getMinRequests() {
    return minRequests;
  }

  public void setMinRequests(Integer minRequests) {
    this.minRequests = minRequests;
  }

  public String getInterval() {
    return interval;
  }

  public void setInterval(String interval) {
    this.interval = interval;
  }
}
