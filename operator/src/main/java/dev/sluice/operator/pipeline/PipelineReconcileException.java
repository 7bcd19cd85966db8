package dev.sluice.operator.pipeline;

import dev.sluice.api.v1alpha1.DataPipelineStatus;

/**
 * A reconciliation in which a dependent failed. Carries the status computed in spite of it, which
 * {@link DataPipelineReconciler#updateErrorStatus} writes before JOSDK retries with backoff.
 */
public class PipelineReconcileException extends RuntimeException {
  private final transient DataPipelineStatus status;

  /**
   * @param message the failures, one per dependent
   * @param status the status to write
   * @param cause the first failure
   */
  public PipelineReconcileException(String message, DataPipelineStatus status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The status computed during the failed reconciliation. */
  public DataPipelineStatus status() {
    return status;
  }
}
