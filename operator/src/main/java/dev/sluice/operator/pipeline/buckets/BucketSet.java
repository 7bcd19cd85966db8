package dev.sluice.operator.pipeline.buckets;

import io.javaoperatorsdk.operator.processing.ResourceIDProvider;
import java.util.Set;

/**
 * The external resource of the bucket dependent: which of a pipeline's buckets exist.
 *
 * @param pipelineId {@code <namespace>/<pipeline>}
 * @param buckets names of the existing buckets
 */
public record BucketSet(String pipelineId, Set<String> buckets)
    implements ResourceIDProvider<String> {
  @Override
  public String resourceId() {
    return pipelineId;
  }
}
