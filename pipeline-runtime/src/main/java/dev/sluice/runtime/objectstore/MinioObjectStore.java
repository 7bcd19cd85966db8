package dev.sluice.runtime.objectstore;

import io.minio.BucketExistsArgs;
import io.minio.DownloadObjectArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import io.minio.messages.Item;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * An S3-compatible object store (MinIO, S3) through minio-java. Timeouts are short (connect 5 s,
 * read and write 60 s) so an unreachable server is reported, and retried by the caller, quickly.
 */
public final class MinioObjectStore implements ObjectStore {
  private final MinioClient client;
  private final OkHttpClient http;
  private final String endpoint;

  /**
   * @param endpoint {@code http(s)://host:port}
   * @param region the S3 region, e.g. {@code us-east-1}, or null for the server's default
   * @param accessKey the access key
   * @param secretKey the secret key
   */
  public MinioObjectStore(String endpoint, String region, String accessKey, String secretKey) {
    this.endpoint = endpoint;
    this.http =
        new OkHttpClient.Builder()
            .connectTimeout(5, TimeUnit.SECONDS)
            .readTimeout(60, TimeUnit.SECONDS)
            .writeTimeout(60, TimeUnit.SECONDS)
            .retryOnConnectionFailure(false)
            .build();
    MinioClient.Builder builder =
        MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey).httpClient(http);
    if (region != null) {
      builder.region(region);
    }
    this.client = builder.build();
  }

  @Override
  public void ensureBucket(String bucket) throws ObjectStoreException {
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
      }
    } catch (MinioException | RuntimeException e) {
      throw new ObjectStoreException("cannot make bucket " + bucket + " at " + endpoint, e);
    }
  }

  @Override
  public void put(String bucket, String key, Path file, String contentType)
      throws ObjectStoreException {
    try {
      client.uploadObject(
          UploadObjectArgs.builder()
              .bucket(bucket)
              .object(ObjectKeys.check(key))
              .filename(file.toString())
              .contentType(contentType)
              .build());
    } catch (MinioException | RuntimeException e) {
      throw new ObjectStoreException("cannot write object " + bucket + "/" + key, e);
    }
  }

  @Override
  public void put(String bucket, String key, byte[] body, String contentType)
      throws ObjectStoreException {
    try {
      client.putObject(
          PutObjectArgs.builder()
              .bucket(bucket)
              .object(ObjectKeys.check(key))
              .data(body, body.length)
              .contentType(contentType)
              .build());
    } catch (MinioException | RuntimeException e) {
      throw new ObjectStoreException("cannot write object " + bucket + "/" + key, e);
    }
  }

  @Override
  public Optional<byte[]> get(String bucket, String key, long maxBytes)
      throws ObjectStoreException {
    long size;
    try {
      size =
          client
              .statObject(
                  StatObjectArgs.builder().bucket(bucket).object(ObjectKeys.check(key)).build())
              .size();
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code)) {
        return Optional.empty();
      }
      throw new ObjectStoreException("cannot read object " + bucket + "/" + key + ": " + code, e);
    } catch (MinioException | RuntimeException e) {
      throw new ObjectStoreException("cannot read object " + bucket + "/" + key, e);
    }
    if (size > maxBytes) {
      throw ObjectStoreException.tooLarge(bucket, key, size, maxBytes);
    }
    try (InputStream in =
        client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
      byte[] body = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
      if (body.length > maxBytes) {
        throw ObjectStoreException.tooLarge(bucket, key, body.length, maxBytes);
      }
      return Optional.of(body);
    } catch (ObjectStoreException e) {
      throw e;
    } catch (MinioException | IOException | RuntimeException e) {
      throw new ObjectStoreException("cannot read object " + bucket + "/" + key, e);
    }
  }

  @Override
  public void download(String bucket, String key, Path target) throws ObjectStoreException {
    try {
      Files.deleteIfExists(target);
      client.downloadObject(
          DownloadObjectArgs.builder()
              .bucket(bucket)
              .object(ObjectKeys.check(key))
              .filename(target.toString())
              .build());
    } catch (MinioException | java.io.IOException | RuntimeException e) {
      throw new ObjectStoreException("cannot read object " + bucket + "/" + key, e);
    }
  }

  @Override
  public List<StoredObject> list(String bucket, String prefix) throws ObjectStoreException {
    try {
      if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
        return List.of();
      }
      List<StoredObject> objects = new ArrayList<>();
      for (Result<Item> r :
          client.listObjects(
              ListObjectsArgs.builder().bucket(bucket).prefix(prefix).recursive(true).build())) {
        Item item = r.get();
        if (!item.isDir()) {
          objects.add(new StoredObject(item.objectName(), item.size()));
        }
      }
      return objects;
    } catch (MinioException | RuntimeException e) {
      throw new ObjectStoreException("cannot list " + bucket + "/" + prefix, e);
    }
  }

  @Override
  public void delete(String bucket, String key) throws ObjectStoreException {
    try {
      client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
    } catch (MinioException | RuntimeException e) {
      throw new ObjectStoreException("cannot delete object " + bucket + "/" + key, e);
    }
  }

  @Override
  public String describe() {
    return "s3 " + endpoint;
  }

  @Override
  public void close() {
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }
}
