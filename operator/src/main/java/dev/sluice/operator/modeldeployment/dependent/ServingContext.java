package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Passes the {@link ModelServing} the reconciler computed once per reconciliation (the resource and
 * its release strategy's serving plan) to the dependent resources, whose {@code desired()} are
 * functions of it.
 */
public final class ServingContext {
  private static final String MODEL = "sluice.modelServing";

  private ServingContext() {}

  /**
   * Stores the model for this reconciliation.
   *
   * @param context the reconciliation context
   * @param model the serving model
   */
  public static void put(Context<ModelDeployment> context, ModelServing model) {
    context.managedWorkflowAndDependentResourceContext().put(MODEL, model);
  }

  /**
   * Reads the model of this reconciliation.
   *
   * @param context the reconciliation context
   * @return the model {@link #put} stored
   * @throws IllegalStateException when none was stored
   */
  public static ModelServing model(Context<ModelDeployment> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(MODEL, ModelServing.class);
  }
}
