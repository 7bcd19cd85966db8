package dev.sluice.operator.rollout;

/**
 * One release strategy's state machine. Implementations are pure apart from calling the
 * observation's {@link Analyzer}: same observation, same decision. Each state is a small handler; a
 * strategy never blocks, it returns {@link RolloutDecision#requeueAfter()} instead.
 */
public interface RolloutStrategy {
  /**
   * Decides the next state and the serving plan.
   *
   * @param observation what the reconciler saw
   * @return the decision; never null
   */
  RolloutDecision next(RolloutObservation observation);
}
