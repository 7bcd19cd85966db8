package dev.sluice.operator.rollout;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one strategy step.
 *
 * @param state the state to persist in status
 * @param plan the serving plan to apply
 * @param requeueAfter when to reconcile again without an event (a pause, an analysis interval, a
 *     scale-down delay, or polling readiness); null when only a change should wake it
 * @param events Kubernetes Events to record, in order
 */
public record RolloutDecision(
    RolloutState state, ServingPlan plan, Duration requeueAfter, List<RolloutEvent> events) {}
