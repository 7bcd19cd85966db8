package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** The Gateway API HTTPRoute whose backend weights and mirror filter the operator manages. */
public class GatewayApiTraffic {
  @Required
  @Pattern(SluiceApi.NAME_PATTERN)
  @JsonPropertyDescription("metadata.name of the HTTPRoute in the same namespace.")
  private String httpRoute;

  public String getHttpRoute() {
    return httpRoute;
  }

  public void setHttpRoute(String httpRoute) {
    this.httpRoute = httpRoute;
  }
}
