/**
 * Rollout analysis: {@link dev.sluice.operator.rollout.Analyzer}s that judge a candidate version
 * from the model-router's per-variant metrics ({@link dev.sluice.operator.analysis.RouterAnalyzer})
 * or a Prometheus query ({@link dev.sluice.operator.analysis.PrometheusAnalyzer}) against the
 * ModelDeployment's thresholds ({@link dev.sluice.operator.analysis.Thresholds}). The reconciler
 * gets one per reconcile from {@link dev.sluice.operator.analysis.RolloutAnalysis}, which keeps the
 * router snapshots that windows are measured from.
 */
package dev.sluice.operator.analysis;
