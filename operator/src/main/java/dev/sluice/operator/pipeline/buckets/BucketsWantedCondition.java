package dev.sluice.operator.pipeline.buckets;

import dev.sluice.api.v1alpha1.DataPipeline;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;

/** Activation condition of the bucket dependent: an object store and at least one bucket. */
public final class BucketsWantedCondition implements Condition<BucketSet, DataPipeline> {
  @Override
  public boolean isMet(
      DependentResource<BucketSet, DataPipeline> dependent,
      DataPipeline pipeline,
      Context<DataPipeline> context) {
    return pipeline.getSpec().getObjectStore() != null
        && !BucketPlan.of(pipeline.getSpec()).isEmpty();
  }
}
