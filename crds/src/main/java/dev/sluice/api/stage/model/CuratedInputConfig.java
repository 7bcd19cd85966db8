package dev.sluice.api.stage.model;

/**
 * Where the batch job's input is: the curated Parquet the curation job writes, {@code
 * <bucket>/<prefix>/dt=YYYY-MM-DD/hr=HH/part-*.parquet}. Predictions are written beside it in the
 * same bucket. Credentials come from {@code SLUICE_OBJECTSTORE_ACCESS_KEY}/{@code
 * SLUICE_OBJECTSTORE_SECRET_KEY}; {@code SLUICE_OBJECTSTORE_DIR} turns the bucket into the local
 * directory {@code <dir>/<bucket>}, as for the pipeline stages in {@code sluice dev}.
 *
 * @param bucket the curated bucket, e.g. {@code flights-curated} (the pipeline's {@code
 *     spec.curation.bucket})
 * @param prefix the event type's directory in it, e.g. {@code flight.departed}: relative, no
 *     leading or trailing {@code /}, no {@code .} or {@code ..} segment
 * @param endpoint S3 endpoint of the bucket, e.g. {@code http://minio.minio:9000}; default: the
 *     registry's endpoint
 * @param region S3 region, or null for the server's default
 */
public record CuratedInputConfig(String bucket, String prefix, String endpoint, String region) {

  void validate(Fields f) {
    f.require(bucket != null, "bucket", "is required");
    f.require(
        bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]"),
        "bucket",
        "'" + bucket + "' is not a valid bucket name");
    f.require(prefix != null && !prefix.isEmpty(), "prefix", "is required");
    f.require(
        prefix.length() <= 512
            && !prefix.startsWith("/")
            && !prefix.endsWith("/")
            && !("/" + prefix + "/").contains("/./")
            && !("/" + prefix + "/").contains("/../")
            && !prefix.contains("//"),
        "prefix",
        "'"
            + prefix
            + "' is not a relative key prefix (at most 512 characters, no leading or trailing /,"
            + " no empty, . or .. segment)");
    if (endpoint != null) {
      f.httpUrl("endpoint", endpoint);
    }
  }
}
