package dev.sluice.operator.analysis;

import dev.sluice.api.v1alpha1.AnalysisProvider;
import dev.sluice.api.v1alpha1.AnalysisSpec;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.ShadowSpec;
import dev.sluice.operator.rollout.Analyzer;
import java.net.http.HttpClient;
import java.util.List;
import java.util.function.Supplier;

/**
 * The operator's rollout analysis: gives each reconcile of a ModelDeployment its {@link Analyzer}.
 * Create one for the operator's lifetime: it holds the HTTP client and the router snapshots ({@link
 * RouterWindows}) that analysis windows are measured from, which must outlive a reconcile.
 */
public final class RolloutAnalysis {
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(RouterStatsClient.TIMEOUT)
          .build();
  private final RouterWindows windows = new RouterWindows();

  /**
   * The analyzer for a spec.
   *
   * @param spec the ModelDeployment's spec; {@code analysis} absent means the defaults of {@link
   *     AnalysisSpec} with the Router provider — call this even then: a Shadow release is always
   *     analysed (the other strategies do not ask without {@code analysis}); a Shadow release also
   *     judges {@code release.shadow.maxDisagreementRate}
   * @param routerUrls base URLs of the model-router's ready pods, e.g. {@code
   *     http://10.0.3.7:8080}; asked for once, only with the Router provider
   * @return a {@link RouterAnalyzer} or a {@link PrometheusAnalyzer}
   * @throws IllegalArgumentException when provider Prometheus has no {@code analysis.prometheus}
   *     url and query
   */
  public Analyzer analyzer(ModelDeploymentSpec spec, Supplier<List<String>> routerUrls) {
    AnalysisSpec analysis = spec.getAnalysis() == null ? new AnalysisSpec() : spec.getAnalysis();
    ShadowSpec shadow = null;
    if (spec.getRelease() != null && spec.getRelease().getStrategy() == ReleaseStrategy.Shadow) {
      shadow =
          spec.getRelease().getShadow() == null ? new ShadowSpec() : spec.getRelease().getShadow();
    }
    Thresholds thresholds = new Thresholds(analysis, shadow);
    if (analysis.getProvider() == AnalysisProvider.Prometheus) {
      if (analysis.getPrometheus() == null
          || analysis.getPrometheus().getUrl() == null
          || analysis.getPrometheus().getQuery() == null) {
        throw new IllegalArgumentException(
            "spec.analysis.prometheus.url and .query are required when analysis.provider is"
                + " Prometheus");
      }
      return new PrometheusAnalyzer(http, analysis.getPrometheus(), thresholds);
    }
    return new RouterAnalyzer(new RouterStatsClient(http), windows, routerUrls.get(), thresholds);
  }
}
