package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** How traffic is split and mirrored between versions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.provider != 'GatewayAPI' || has(self.gatewayApi)",
    message = "traffic.gatewayApi is required when traffic.provider is GatewayAPI")
public class TrafficSpec {
  @Default("Router")
  @JsonPropertyDescription(
      "Router (the built-in model-router), GatewayAPI (HTTPRoute weights and RequestMirror) or"
          + " Replicas (weight approximated by the ratio of replicas).")
  private TrafficProvider provider = TrafficProvider.Router;

  @JsonPropertyDescription("The HTTPRoute to manage; only with provider GatewayAPI.")
  private GatewayApiTraffic gatewayApi;

  public TrafficProvider getProvider() {
    return provider;
  }

  public void setProvider(TrafficProvider provider) {
    this.provider = provider;
  }

  public GatewayApiTraffic getGatewayApi() {
    return gatewayApi;
  }

  public void setGatewayApi(GatewayApiTraffic gatewayApi) {
    this.gatewayApi = gatewayApi;
  }
}
