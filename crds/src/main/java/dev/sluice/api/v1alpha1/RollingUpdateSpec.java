package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.IntOrString;

/** RollingUpdate settings, as in a Deployment's rolling update strategy. */
public class RollingUpdateSpec {
  @Default("25%")
  @JsonPropertyDescription("Pods above the desired count during the update (number or percent).")
  private IntOrString maxSurge = new IntOrString("25%");

  @Default("0")
  @JsonPropertyDescription("Pods that may be unavailable during the update (number or percent).")
  private IntOrString maxUnavailable = new IntOrString(0);

  public IntOrString getMaxSurge() {
    return maxSurge;
  }

  public void setMaxSurge(IntOrString maxSurge) {
    this.maxSurge = maxSurge;
  }

  public IntOrString getMaxUnavailable() {
    return maxUnavailable;
  }

  public void setMaxUnavailable(IntOrString maxUnavailable) {
    this.maxUnavailable = maxUnavailable;
  }
}
