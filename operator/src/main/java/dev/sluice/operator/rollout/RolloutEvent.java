package dev.sluice.operator.rollout;

/**
 * A Kubernetes Event the reconciler records on the ModelDeployment (promotion, abort, rollback,
 * step change, analysis failure).
 *
 * @param warning true for type {@code Warning}, false for {@code Normal}
 * @param reason UpperCamelCase reason, e.g. {@code CanaryStepAdvanced}, {@code Promoted}, {@code
 *     Aborted}, {@code RolledBack}, {@code AnalysisFailed}
 * @param message a sentence for {@code kubectl describe}, naming versions and numbers
 */
public record RolloutEvent(boolean warning, String reason, String message) {}
