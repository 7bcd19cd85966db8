package dev.sluice.operator.pipeline.dependent;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.operator.pipeline.model.PipelineModel;
import io.javaoperatorsdk.operator.api.reconciler.Context;

/**
 * Passes the {@link PipelineModel} the reconciler computed once per reconciliation to the dependent
 * resources, whose {@code desired()} are functions of it.
 */
public final class PipelineContext {
  private static final String MODEL = "sluice.pipelineModel";

  private PipelineContext() {}

  /**
   * Stores the model for this reconciliation.
   *
   * @param context the reconciliation context
   * @param model the pipeline model
   */
  public static void put(Context<DataPipeline> context, PipelineModel model) {
    context.managedWorkflowAndDependentResourceContext().put(MODEL, model);
  }

  /**
   * Reads the model of this reconciliation.
   *
   * @param context the reconciliation context
   * @return the model {@link #put} stored
   * @throws IllegalStateException when none was stored
   */
  public static PipelineModel model(Context<DataPipeline> context) {
    return context
        .managedWorkflowAndDependentResourceContext()
        .getMandatory(MODEL, PipelineModel.class);
  }
}
