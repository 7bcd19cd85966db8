/**
 * The release state machines of a ModelDeployment, free of Kubernetes calls: one {@link
 * dev.sluice.operator.rollout.RolloutStrategy} per {@code release.strategy} turns what the
 * reconciler observed ({@link dev.sluice.operator.rollout.RolloutObservation}) into the next state,
 * the serving plan to apply, the events to record and when to look again ({@link
 * dev.sluice.operator.rollout.RolloutDecision}). The reconciler persists the state in the
 * ModelDeployment's status and never waits: a state that waits returns a requeue delay.
 */
package dev.sluice.operator.rollout;
