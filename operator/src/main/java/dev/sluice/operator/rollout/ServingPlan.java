package dev.sluice.operator.rollout;

import java.util.Map;

/**
 * What should run and where traffic goes after a decision; the reconciler's dependents make the
 * cluster match it.
 *
 * @param replicas model-server replicas wanted per version (one Deployment per version); a version
 *     not in the map has its Deployment deleted, a version mapped to 0 keeps a Deployment scaled to
 *     zero. With {@code inPlace}, exactly one entry: the version the single Deployment's pod
 *     template should run.
 * @param inPlace true for RollingUpdate: one Deployment whose pod template changes version, rolled
 *     by Kubernetes with the spec's maxSurge/maxUnavailable
 * @param traffic the split the traffic provider applies
 * @param previewVersion BlueGreen: the version the preview Service selects; null otherwise
 */
public record ServingPlan(
    Map<String, Integer> replicas, boolean inPlace, TrafficSplit traffic, String previewVersion) {

  /**
   * Where requests go.
   *
   * @param stableVersion version answering the requests not given to the candidate; null when
   *     nothing serves yet (e.g. Recreate between scale-down and start)
   * @param candidateVersion version receiving the candidate share or mirrored copies; null when
   *     none
   * @param candidateWeight percent 0..100 of requests the candidate answers
   * @param mirrorPercent percent 0..100 of stable's requests copied to the candidate (Shadow); 0 =
   *     no shadow traffic
   */
  public record TrafficSplit(
      String stableVersion, String candidateVersion, int candidateWeight, int mirrorPercent) {

    /**
     * All traffic to one version.
     *
     * @param version the version, or null for none
     * @return a split with no candidate
     */
    public static TrafficSplit allTo(String version) {
      return new TrafficSplit(version, null, 0, 0);
    }
  }
}
