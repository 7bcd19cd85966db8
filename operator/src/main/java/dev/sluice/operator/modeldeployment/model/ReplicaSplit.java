package dev.sluice.operator.modeldeployment.model;

import dev.sluice.operator.rollout.ServingPlan;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Traffic provider {@code Replicas}: with no router or gateway to split requests, one Service
 * selects the pods of both versions, so the candidate's share of requests is its share of the pods.
 * Pure.
 *
 * <p>For a split with candidate weight {@code w} (0 &lt; w &lt; 100) over {@code total} replicas
 * ({@code spec.replicas}): candidate = max(1, round(total × w / 100)), half up; stable = max(1,
 * total − candidate). So with 4 replicas 10% gives 1 + 3 pods (25%), 50% gives 2 + 2; with 1
 * replica any weight gives 1 + 1 (50%). Versions outside the split keep the plan's count, and
 * weights 0 and 100 keep the plan's counts too (the Service then selects one version only).
 */
public final class ReplicaSplit {
  private ReplicaSplit() {}

  /**
   * The replicas per version once the weight is turned into pods.
   *
   * @param plan the strategy's plan
   * @param total spec.replicas
   * @return replicas per version, in the plan's order
   */
  public static Map<String, Integer> replicas(ServingPlan plan, int total) {
    Map<String, Integer> replicas = new LinkedHashMap<>(plan.replicas());
    TrafficSplit split = plan.traffic();
    int weight = split.candidateWeight();
    if (split.stableVersion() == null
        || split.candidateVersion() == null
        || weight <= 0
        || weight >= 100) {
      return replicas;
    }
    int candidate = Math.max(1, (int) Math.round(total * weight / 100.0));
    int stable = Math.max(1, total - candidate);
    replicas.put(split.candidateVersion(), candidate);
    replicas.put(split.stableVersion(), stable);
    return replicas;
  }

  /**
   * The one version a Service of provider Replicas selects, when the split allows one.
   *
   * @param split the traffic split
   * @return the stable version at weight 0, the candidate at weight 100, else null (both versions'
   *     pods are selected)
   */
  public static String singleVersion(TrafficSplit split) {
    if (split.candidateVersion() == null || split.candidateWeight() <= 0) {
      return split.stableVersion();
    }
    return split.candidateWeight() >= 100 ? split.candidateVersion() : null;
  }
}
