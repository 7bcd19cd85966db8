package dev.sluice.api.stage.model;

/**
 * Where the model registry is: an S3 bucket ({@code bucket} + {@code endpoint}, credentials from
 * {@code SLUICE_OBJECTSTORE_ACCESS_KEY}/{@code SLUICE_OBJECTSTORE_SECRET_KEY}) or a local {@code
 * directory} with the same layout. {@code SLUICE_OBJECTSTORE_DIR} turns a bucket into the directory
 * {@code <dir>/<bucket>}, as for the pipeline stages in {@code sluice dev}.
 *
 * @param bucket registry bucket, e.g. {@code models}
 * @param endpoint S3 endpoint, e.g. {@code http://minio.minio:9000}
 * @param region S3 region, or null for the server's default
 * @param directory a local registry directory instead of a bucket
 */
public record RegistryConfig(String bucket, String endpoint, String region, String directory) {

  void validate(Fields f) {
    f.require(
        (bucket == null) != (directory == null),
        "bucket",
        "or directory: exactly one of the two is required");
    if (bucket != null) {
      f.require(
          bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
          "bucket",
          "'" + bucket + "' is not a valid bucket name");
    }
  }
}
