package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
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
    Function<ModelDeploymentSpec, RolloutStrategy> strategies, AnalyzerFactory analyzers) {}
