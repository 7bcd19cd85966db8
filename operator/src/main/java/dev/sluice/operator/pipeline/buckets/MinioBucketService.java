package dev.sluice.operator.pipeline.buckets;

import io.minio.BucketExistsArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.RemoveBucketArgs;
import io.minio.RemoveObjectsArgs;
import io.minio.Result;
import io.minio.messages.DeleteRequest;
import io.minio.messages.DeleteResult;
import io.minio.messages.Item;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link BucketService} on minio-java; one client per store and credentials. */
public final class MinioBucketService implements BucketService {
  private final Map<ObjectStoreAccess, MinioClient> clients = new ConcurrentHashMap<>();

  @Override
  public Set<String> existing(ObjectStoreAccess access, Collection<String> buckets) {
    Set<String> found = new HashSet<>();
    for (String bucket : buckets) {
      if (call(
          "check bucket " + bucket,
          () ->
              client(access)
                  .bucketExists(
                      BucketExistsArgs.builder().bucket(bucket).region(access.region()).build()))) {
        found.add(bucket);
      }
    }
    return found;
  }

  @Override
  public void create(ObjectStoreAccess access, Collection<String> buckets) {
    Set<String> present = existing(access, buckets);
    for (String bucket : buckets) {
      if (!present.contains(bucket)) {
        call(
            "make bucket " + bucket,
            () -> {
              client(access)
                  .makeBucket(
                      MakeBucketArgs.builder().bucket(bucket).region(access.region()).build());
              return null;
            });
      }
    }
  }

  @Override
  public void delete(ObjectStoreAccess access, Collection<String> buckets) {
    Set<String> present = existing(access, buckets);
    for (String bucket : buckets) {
      if (present.contains(bucket)) {
        call(
            "empty and remove bucket " + bucket,
            () -> {
              emptyBucket(client(access), bucket);
              client(access).removeBucket(RemoveBucketArgs.builder().bucket(bucket).build());
              return null;
            });
      }
    }
  }

  private static void emptyBucket(MinioClient client, String bucket) throws Exception {
    while (true) {
      List<DeleteRequest.Object> batch = new java.util.ArrayList<>();
      for (Result<Item> item :
          client.listObjects(
              ListObjectsArgs.builder().bucket(bucket).recursive(true).maxKeys(1000).build())) {
        batch.add(new DeleteRequest.Object(item.get().objectName()));
        if (batch.size() == 1000) {
          break;
        }
      }
      if (batch.isEmpty()) {
        return;
      }
      for (Result<DeleteResult.Error> error :
          client.removeObjects(RemoveObjectsArgs.builder().bucket(bucket).objects(batch).build())) {
        DeleteResult.Error e = error.get();
        throw new BucketServiceException(
            "could not delete " + e.objectName() + ": " + e.message(), null);
      }
    }
  }

  private MinioClient client(ObjectStoreAccess access) {
    return clients.computeIfAbsent(
        access,
        a ->
            MinioClient.builder()
                .endpoint(a.endpoint())
                .region(a.region())
                .credentials(a.accessKey(), a.secretKey())
                .build());
  }

  private interface Call<T> {
    T run() throws Exception;
  }

  private static <T> T call(String what, Call<T> call) {
    try {
      return call.run();
    } catch (BucketServiceException e) {
      throw e;
    } catch (Exception e) {
      throw new BucketServiceException(what + " failed: " + e.getMessage(), e);
    }
  }
}
