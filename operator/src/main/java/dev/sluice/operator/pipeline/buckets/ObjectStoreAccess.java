package dev.sluice.operator.pipeline.buckets;

/**
 * How to reach an S3-compatible object store.
 *
 * @param endpoint URL such as {@code http://minio:9000}
 * @param region S3 region name
 * @param accessKey access key (from the pipeline's credentials Secret)
 * @param secretKey secret key (from the pipeline's credentials Secret)
 */
public record ObjectStoreAccess(
    String endpoint, String region, String accessKey, String secretKey) {
  @Override
  public String toString() {
    return "ObjectStoreAccess[" + endpoint + ", " + region + "]";
  }
}
