package dev.sluice.operator.pipeline.buckets;

import java.util.Collection;
import java.util.Set;

/** The object-store calls the bucket dependent needs. Implementations must be thread-safe. */
public interface BucketService {
  /**
   * Checks which buckets exist.
   *
   * @param access the object store
   * @param buckets bucket names
   * @return the ones that exist
   * @throws BucketServiceException when the store cannot be reached or refuses
   */
  Set<String> existing(ObjectStoreAccess access, Collection<String> buckets);

  /**
   * Makes buckets that do not exist yet.
   *
   * @param access the object store
   * @param buckets bucket names
   * @throws BucketServiceException when the store cannot be reached or refuses
   */
  void create(ObjectStoreAccess access, Collection<String> buckets);

  /**
   * Empties and removes buckets; missing ones are ignored.
   *
   * @param access the object store
   * @param buckets bucket names
   * @throws BucketServiceException when the store cannot be reached or refuses
   */
  void delete(ObjectStoreAccess access, Collection<String> buckets);
}
