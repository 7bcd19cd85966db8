package dev.sluice.api.stage.model;

/**
 * The {@code server} block: which model version to serve, from where, and the request limits.
 *
 * @param model model name in the registry, e.g. {@code flight-delay}
 * @param version version, or an alias such as {@code production}
 * @param registry where the registry is
 * @param maxRequestBytes largest inference request body, bytes (default 4 MiB); larger → 413
 * @param maxBatchSize most rows (first dimension) of one input tensor (default 1024); more → 400
 * @param maxInFlightRequests inference requests run or queued at once (default 64); more → 503
 * @param stream stream mode (predict every event of a topic); absent for request/response only
 */
public record ModelServerConfig(
    String model,
    String version,
    RegistryConfig registry,
    Long maxRequestBytes,
    Integer maxBatchSize,
    Integer maxInFlightRequests,
    StreamConfig stream) {

  public ModelServerConfig {
    maxRequestBytes = maxRequestBytes == null ? 4L * 1024 * 1024 : maxRequestBytes;
    maxBatchSize = maxBatchSize == null ? 1024 : maxBatchSize;
    maxInFlightRequests = maxInFlightRequests == null ? 64 : maxInFlightRequests;
  }

  void validate(Fields f) {
    f.name("model", model);
    f.name("version", version);
    f.require(registry != null, "registry", "is required");
    registry.validate(f.nested("registry."));
    f.range("maxRequestBytes", maxRequestBytes, 1024, 256L * 1024 * 1024);
    f.range("maxBatchSize", maxBatchSize, 1, 1_000_000);
    f.range("maxInFlightRequests", maxInFlightRequests, 1, 100_000);
    if (stream != null) {
      stream.validate(f.nested("stream."));
    }
  }
}
