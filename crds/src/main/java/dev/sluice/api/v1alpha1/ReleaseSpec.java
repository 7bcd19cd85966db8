package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The release strategy and its settings; a strategy block is only allowed with its strategy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.rollingUpdate) || self.strategy == 'RollingUpdate'",
    message = "release.rollingUpdate is only allowed when release.strategy is RollingUpdate")
@ValidationRule(
    value = "!has(self.blueGreen) || self.strategy == 'BlueGreen'",
    message = "release.blueGreen is only allowed when release.strategy is BlueGreen")
@ValidationRule(
    value = "!has(self.canary) || self.strategy == 'Canary'",
    message = "release.canary is only allowed when release.strategy is Canary")
@ValidationRule(
    value = "self.strategy != 'Canary' || has(self.canary)",
    message = "release.canary is required when release.strategy is Canary")
@ValidationRule(
    value = "!has(self.shadow) || self.strategy == 'Shadow'",
    message = "release.shadow is only allowed when release.strategy is Shadow")
public class ReleaseSpec {
  @Required
  @JsonPropertyDescription("Recreate, RollingUpdate, BlueGreen, Canary or Shadow.")
  private ReleaseStrategy strategy;

  @JsonPropertyDescription("Settings of RollingUpdate.")
  private RollingUpdateSpec rollingUpdate;

  @JsonPropertyDescription("Settings of BlueGreen.")
  private BlueGreenSpec blueGreen;

  @JsonPropertyDescription("Settings of Canary.")
  private CanarySpec canary;

  @JsonPropertyDescription("Settings of Shadow.")
  private ShadowSpec shadow;

  public ReleaseStrategy getStrategy() {
    return strategy;
  }

  public void setStrategy(ReleaseStrategy strategy) {
    this.strategy = strategy;
  }

  public RollingUpdateSpec getRollingUpdate() {
    return rollingUpdate;
  }

  public void setRollingUpdate(RollingUpdateSpec rollingUpdate) {
    this.rollingUpdate = rollingUpdate;
  }

  public BlueGreenSpec getBlueGreen() {
    return blueGreen;
  }

  public void setBlueGreen(BlueGreenSpec blueGreen) {
    this.blueGreen = blueGreen;
  }

  public CanarySpec getCanary() {
    return canary;
  }

  public void setCanary(CanarySpec canary) {
    this.canary = canary;
  }

  public ShadowSpec getShadow() {
    return shadow;
  }

  public void setShadow(ShadowSpec shadow) {
    this.shadow = shadow;
  }
}
