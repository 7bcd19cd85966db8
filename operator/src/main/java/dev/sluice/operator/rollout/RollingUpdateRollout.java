package dev.sluice.operator.rollout;

import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.util.Map;

/**
 * RollingUpdate: one Deployment whose pod template changes version ({@link ServingPlan#inPlace()});
 * Kubernetes replaces the pods with the spec's maxSurge/maxUnavailable. State {@value #ROLLING}
 * until the Deployment reports every pod updated and ready ({@code updatedReplicas = readyReplicas
 * = replicas}, at least the wanted count), then Healthy. The observation reports the single
 * Deployment under the version its pod template runs. There is no promotion; an abort puts the
 * stable version back in the template (Kubernetes rolls back the same way).
 */
final class RollingUpdateRollout extends ReleaseStateMachine {
  static final String ROLLING = "Rolling";

  @Override
  RolloutDecision start(ReleaseContext ctx) {
    ReleaseContext started = ctx.with(releasing(ctx, ROLLING, null, 100));
    return started.decide(started.state(), plan(started), ReleaseContext.READINESS_POLL);
  }

  @Override
  RolloutDecision progress(ReleaseContext ctx) {
    if (!ROLLING.equals(ctx.state().step())) {
      return start(ctx); // a state of another strategy: the spec's strategy changed
    }
    WorkloadStatus w = ctx.workload(ctx.candidate());
    boolean rolledOut =
        w.replicas() >= ctx.replicas()
            && w.updatedReplicas() == w.replicas()
            && w.readyReplicas() == w.replicas();
    if (!rolledOut) {
      return ctx.stay(plan(ctx), ReleaseContext.READINESS_POLL);
    }
    return completed(
        ctx,
        "Promoted",
        "all "
            + w.replicas()
            + " pod(s) run version "
            + ctx.candidate()
            + " and are ready (was version "
            + ctx.stable()
            + ")");
  }

  @Override
  ServingPlan plan(ReleaseContext ctx) {
    return steadyPlan(ctx, ctx.candidate());
  }

  @Override
  ServingPlan steadyPlan(ReleaseContext ctx, String version) {
    return new ServingPlan(
        Map.of(version, ctx.replicas()), true, TrafficSplit.allTo(version), null);
  }

  @Override
  ServingPlan rollbackPlan(ReleaseContext ctx, String stable, String candidate) {
    return steadyPlan(ctx, stable);
  }
}
