package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.ModelDeploymentSpec;

/** Chooses the state machine of a ModelDeployment's {@code release.strategy}. */
public final class RolloutStrategies {
  private RolloutStrategies() {}

  /**
   * The state machine for a spec. Strategies hold no state of their own (it lives in {@link
   * RolloutState}), so the result may be cached per strategy or made per reconcile.
   *
   * @param spec a ModelDeployment's spec
   * @return the strategy of {@code spec.release.strategy}
   * @throws IllegalArgumentException naming the field when {@code release}, its {@code strategy},
   *     {@code model.version}, or the Canary steps are missing (the CRD schema refuses these at
   *     {@code kubectl apply}; this guards specs built in code)
   */
  public static RolloutStrategy forSpec(ModelDeploymentSpec spec) {
    if (spec.getModel() == null || spec.getModel().getVersion() == null) {
      throw new IllegalArgumentException("spec.model.version is required");
    }
    if (spec.getRelease() == null || spec.getRelease().getStrategy() == null) {
      throw new IllegalArgumentException("spec.release.strategy is required");
    }
    return switch (spec.getRelease().getStrategy()) {
      case Recreate -> new RecreateRollout();
      case RollingUpdate -> new RollingUpdateRollout();
      case BlueGreen -> new BlueGreenRollout();
      case Canary -> {
        if (spec.getRelease().getCanary() == null
            || spec.getRelease().getCanary().getSteps() == null
            || spec.getRelease().getCanary().getSteps().isEmpty()) {
          throw new IllegalArgumentException(
              "spec.release.canary.steps needs at least one step when release.strategy is"
                  + " Canary");
        }
        yield new CanaryRollout();
      }
      case Shadow -> new ShadowRollout();
    };
  }
}
