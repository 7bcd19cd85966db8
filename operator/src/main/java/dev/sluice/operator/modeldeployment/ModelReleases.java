package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.operator.analysis.RolloutAnalysis;
import dev.sluice.operator.rollout.RolloutStrategies;
import dev.sluice.operator.rollout.RolloutStrategy;
import java.util.function.Function;

/**
 * What drives a ModelDeployment's releases: the state machine of each release strategy and the
 * analyzer of each analysis spec.
 *
 * @param strategies the state machine of a spec's {@code release.strategy}
 * @param analyzers the analyzer of a spec's {@code analysis}
 */
public record ModelReleases(
    Function<ModelDeploymentSpec, RolloutStrategy> strategies, AnalyzerFactory analyzers) {

  /**
   * The operator's: {@link RolloutStrategies#forSpec} and the analyzers of {@link RolloutAnalysis},
   * each built when a strategy first asks for it in a reconcile (so the router pods are listed only
   * then).
   *
   * @param analysis the analysis, kept for the operator's lifetime (it holds the windows'
   *     baselines)
   * @return the releases
   */
  public static ModelReleases of(RolloutAnalysis analysis) {
    return new ModelReleases(
        RolloutStrategies::forSpec,
        (deployment, routerUrls) ->
            new OnDemandAnalyzer(() -> analysis.analyzer(deployment.getSpec(), routerUrls)));
  }
}
