package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.rollout.Analyzer;
import java.util.List;
import java.util.function.Supplier;

/** Gives a ModelDeployment the {@link Analyzer} of its {@code spec.analysis}. */
public interface AnalyzerFactory {
  /**
   * The analyzer for one reconcile of a deployment.
   *
   * @param deployment the ModelDeployment
   * @param routerUrls base URLs ({@code http://<pod IP>:8080}) of the router's ready pods, listed
   *     only when called (provider Router reads their metrics)
   * @return the analyzer, or null when spec.analysis is unset
   */
  Analyzer analyzer(ModelDeployment deployment, Supplier<List<String>> routerUrls);
}
