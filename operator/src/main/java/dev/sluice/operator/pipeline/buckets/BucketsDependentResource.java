package dev.sluice.operator.pipeline.buckets;

import dev.sluice.api.v1alpha1.DataPipeline;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Deleter;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.external.PerResourcePollingDependentResource;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline's buckets (loaders.batch.bucket, curation.bucket) in its object store: an external
 * dependent polled every {@code period}, with the client calls in a {@link BucketService} and the
 * credentials read from the pipeline's Secret.
 */
public class BucketsDependentResource
    extends PerResourcePollingDependentResource<BucketSet, DataPipeline, String>
    implements Creator<BucketSet, DataPipeline>,
        Updater<BucketSet, DataPipeline>,
        Deleter<DataPipeline> {
  private static final Logger LOG = LoggerFactory.getLogger(BucketsDependentResource.class);

  private final BucketService buckets;
  private final ObjectStoreAccessResolver access;

  /**
   * @param buckets the object-store calls
   * @param access reads the pipeline's endpoint and credentials
   * @param period how often the buckets are checked
   */
  public BucketsDependentResource(
      BucketService buckets, ObjectStoreAccessResolver access, Duration period) {
    super(BucketSet.class, period);
    this.buckets = buckets;
    this.access = access;
  }

  @Override
  public Set<BucketSet> fetchResources(DataPipeline pipeline) {
    List<String> wanted = BucketPlan.of(pipeline.getSpec());
    if (wanted.isEmpty() || pipeline.getSpec().getObjectStore() == null) {
      return Set.of();
    }
    try {
      Set<String> existing = buckets.existing(access.resolve(pipeline), wanted);
      return existing.isEmpty() ? Set.of() : Set.of(new BucketSet(id(pipeline), existing));
    } catch (BucketServiceException e) {
      LOG.warn("cannot read buckets of pipeline {}: {}", id(pipeline), e.getMessage());
      return Set.of();
    }
  }

  @Override
  protected BucketSet desired(DataPipeline pipeline, Context<DataPipeline> context) {
    return new BucketSet(id(pipeline), new HashSet<>(BucketPlan.of(pipeline.getSpec())));
  }

  @Override
  public Matcher.Result<BucketSet> match(
      BucketSet actual, DataPipeline pipeline, Context<DataPipeline> context) {
    return Matcher.Result.nonComputed(
        actual.buckets().containsAll(BucketPlan.of(pipeline.getSpec())));
  }

  @Override
  public BucketSet create(BucketSet desired, DataPipeline pipeline, Context<DataPipeline> context) {
    buckets.create(access.resolve(pipeline), desired.buckets());
    return desired;
  }

  @Override
  public BucketSet update(
      BucketSet actual, BucketSet desired, DataPipeline pipeline, Context<DataPipeline> context) {
    buckets.create(access.resolve(pipeline), desired.buckets());
    return desired;
  }

  @Override
  protected void handleDelete(
      DataPipeline pipeline, BucketSet secondary, Context<DataPipeline> context) {
    List<String> wanted = BucketPlan.of(pipeline.getSpec());
    if (!wanted.isEmpty()) {
      buckets.delete(access.resolve(pipeline), wanted);
    }
  }

  private static String id(DataPipeline pipeline) {
    return pipeline.getMetadata().getNamespace() + "/" + pipeline.getMetadata().getName();
  }
}
