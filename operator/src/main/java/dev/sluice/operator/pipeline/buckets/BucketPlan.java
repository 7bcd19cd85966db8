package dev.sluice.operator.pipeline.buckets;

import dev.sluice.api.v1alpha1.DataPipelineSpec;
import java.util.ArrayList;
import java.util.List;

/** The buckets a pipeline writes to. Pure. */
public final class BucketPlan {
  private BucketPlan() {}

  /**
   * The buckets of a pipeline.
   *
   * @param spec a pipeline spec
   * @return loaders.batch.bucket and curation.bucket (those set), without duplicates, in that order
   */
  public static List<String> of(DataPipelineSpec spec) {
    List<String> buckets = new ArrayList<>();
    if (spec.getLoaders() != null && spec.getLoaders().getBatch() != null) {
      buckets.add(spec.getLoaders().getBatch().getBucket());
    }
    if (spec.getCuration() != null && !buckets.contains(spec.getCuration().getBucket())) {
      buckets.add(spec.getCuration().getBucket());
    }
    return buckets;
  }
}
