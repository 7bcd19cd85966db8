package dev.sluice.runtime.model.registry;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** A model registry in one bucket of an S3-compatible object store (MinIO), via minio-java. */
public final class S3ModelStore implements ModelStore {
  private final MinioClient client;
  private final String bucket;

  /**
   * @param endpoint {@code http(s)://host:port}
   * @param region the region, or null for the server's default
   * @param bucket the registry bucket, e.g. {@code models}
   */
  public S3ModelStore(
      String endpoint, String region, String accessKey, String secretKey, String bucket) {
    MinioClient.Builder builder =
        MinioClient.builder().endpoint(endpoint).credentials(accessKey, secretKey);
    if (region != null) {
      builder.region(region);
    }
    this.client = builder.build();
    this.bucket = bucket;
  }

  @Override
  public Optional<byte[]> get(String key, long maxBytes) throws IOException {
    try {
      long size =
          client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size();
      if (size > maxBytes) {
        throw new IOException(
            "object " + key + " in " + describe() + " is " + size + " bytes, over " + maxBytes);
      }
      try (InputStream in =
          client.getObject(GetObjectArgs.builder().bucket(bucket).object(key).build())) {
        return Optional.of(in.readNBytes((int) maxBytes + 1));
      }
    } catch (ErrorResponseException e) {
      String code = e.errorResponse().code();
      if ("NoSuchKey".equals(code) || "NoSuchObject".equals(code)) {
        return Optional.empty();
      }
      throw new IOException("cannot read " + key + " from " + describe() + ": " + code, e);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot read " + key + " from " + describe() + ": " + e, e);
    }
  }

  @Override
  public void put(String key, byte[] body, String contentType) throws IOException {
    try {
      client.putObject(
          PutObjectArgs.builder()
              .bucket(bucket)
              .object(key)
              .contentType(contentType)
              .data(body, body.length)
              .build());
    } catch (Exception e) {
      throw new IOException("cannot write " + key + " to " + describe() + ": " + e, e);
    }
  }

  @Override
  public String describe() {
    return "s3://" + bucket;
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (Exception e) {
      // Closing only releases the HTTP connection pool; nothing is lost if it fails.
    }
  }
}
