package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** The collector stage: CloudEvents over HTTP and gRPC into the raw topic. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CollectorSpec {
  @Default("1")
  @Min(0)
  @Max(100)
  @JsonPropertyDescription("Replicas when autoscaling is not set. A change scales, nothing else.")
  private Integer replicas = 1;

  @Default("8080")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("HTTP port of the collector (and its Service).")
  private Integer httpPort = 8080;

  @Default("9090")
  @Min(1)
  @Max(65535)
  @JsonPropertyDescription("gRPC port of the collector (and its Service).")
  private Integer grpcPort = 9090;

  @Default("256")
  @Min(1)
  @Max(100000)
  @JsonPropertyDescription(
      "Most requests handled at once per replica; further requests get 503 with Retry-After.")
  private Integer maxInFlightRequests = 256;

  @Default("30000")
  @Min(100)
  @Max(600000)
  @JsonPropertyDescription(
      "Milliseconds a client has to send a whole HTTP request body (from its headers to its last"
          + " byte), or a gRPC stream to finish. Over it: 408 (gRPC DEADLINE_EXCEEDED) and the"
          + " connection is closed, so a stalled client cannot hold an in-flight slot. A change"
          + " rolls the collector.")
  private Integer requestTimeoutMs = 30000;

  @JsonPropertyDescription("Size limits of events and requests.")
  private PayloadLimits limits = new PayloadLimits();

  @JsonPropertyDescription(
      "Secret with the key apiKeys: one accepted API key per line. When set, requests without a"
          + " valid key (header Authorization: Bearer <key> or X-API-Key) get 401.")
  private SecretReference authSecret;

  @JsonPropertyDescription("Scale the collector on CPU instead of a fixed replica count.")
  private Autoscaling autoscaling;

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public Integer getHttpPort() {
    return httpPort;
  }

  public void setHttpPort(Integer httpPort) {
    this.httpPort = httpPort;
  }

  public Integer getGrpcPort() {
    return grpcPort;
  }

  public void setGrpcPort(Integer grpcPort) {
    this.grpcPort = grpcPort;
  }

  public Integer getMaxInFlightRequests() {
    return maxInFlightRequests;
  }

  public void setMaxInFlightRequests(Integer maxInFlightRequests) {
    this.maxInFlightRequests = maxInFlightRequests;
  }

  public Integer getRequestTimeoutMs() {
    return requestTimeoutMs;
  }

  public void setRequestTimeoutMs(Integer requestTimeoutMs) {
    this.requestTimeoutMs = requestTimeoutMs;
  }

  public PayloadLimits getLimits() {
    return limits;
  }

  public void setLimits(PayloadLimits limits) {
    this.limits = limits;
  }

  public SecretReference getAuthSecret() {
    return authSecret;
  }

  public void setAuthSecret(SecretReference authSecret) {
    this.authSecret = authSecret;
  }

  public Autoscaling getAutoscaling() {
    return autoscaling;
  }

  public void setAutoscaling(Autoscaling autoscaling) {
    this.autoscaling = autoscaling;
  }
}
