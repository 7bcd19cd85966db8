package dev.sluice.operator.pipeline.buckets;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A hand-written fake object store: bucket names in memory, and the last access used. */
public final class InMemoryBucketService implements BucketService {
  private final Set<String> buckets = ConcurrentHashMap.newKeySet();
  private volatile ObjectStoreAccess lastAccess;

  /** The buckets that exist. */
  public Set<String> buckets() {
    return Set.copyOf(buckets);
  }

  /** The access (endpoint and credentials) of the last call. */
  public ObjectStoreAccess lastAccess() {
    return lastAccess;
  }

  @Override
  public Set<String> existing(ObjectStoreAccess access, Collection<String> names) {
    lastAccess = access;
    Set<String> found = new HashSet<>(names);
    found.retainAll(buckets);
    return found;
  }

  @Override
  public void create(ObjectStoreAccess access, Collection<String> names) {
    lastAccess = access;
    buckets.addAll(names);
  }

  @Override
  public void delete(ObjectStoreAccess access, Collection<String> names) {
    lastAccess = access;
    buckets.removeAll(names);
  }
}
