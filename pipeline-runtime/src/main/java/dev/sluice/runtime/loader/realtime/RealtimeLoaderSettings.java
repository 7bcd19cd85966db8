package dev.sluice.runtime.loader.realtime;

import dev.sluice.api.v1alpha1.Durations;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.api.v1alpha1.RealtimeLoaderSpec;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * What the real-time loader runs with, checked.
 *
 * @param url base URL of the OpenSearch/Elasticsearch cluster
 * @param indexPrefix prefix of the daily indices
 * @param bulkMaxDocs most documents in one {@code _bulk} request
 * @param flushInterval longest time a document waits for its {@code _bulk} request
 * @param username basic-auth user ({@code SLUICE_REALTIME_USERNAME}), if any
 * @param password basic-auth password ({@code SLUICE_REALTIME_PASSWORD}), if any
 * @param topics the pipeline's topics
 * @param groupId the consumer group, {@code <pipeline>-realtime-loader}
 */
public record RealtimeLoaderSettings(
    URI url,
    String indexPrefix,
    int bulkMaxDocs,
    Duration flushInterval,
    Optional<String> username,
    Optional<String> password,
    PipelineTopics topics,
    String groupId) {

  /** Largest {@code _bulk} request body, in bytes; a batch is sent before it grows past this. */
  public static final int MAX_BULK_BYTES = 16 * 1024 * 1024;

  /**
   * @throws ConfigException naming {@code spec.loaders.realtime} or the field at fault
   */
  public static RealtimeLoaderSettings from(RuntimeConfig config) {
    var loaders = config.stageConfig().getSpec().getLoaders();
    RealtimeLoaderSpec spec = loaders == null ? null : loaders.getRealtime();
    if (spec == null) {
      throw new ConfigException("spec.loaders.realtime is required by the realtime-loader stage");
    }
    if (spec.getUrl() == null || !spec.getUrl().matches("^https?://[^\\s/]+(/.*)?$")) {
      throw new ConfigException(
          "spec.loaders.realtime.url '" + spec.getUrl() + "' is not an http(s) URL");
    }
    if (spec.getIndexPrefix() == null
        || !spec.getIndexPrefix().matches("^[a-z0-9][a-z0-9_-]{0,200}$")) {
      throw new ConfigException(
          "spec.loaders.realtime.indexPrefix '"
              + spec.getIndexPrefix()
              + "' must be lower-case letters, digits, '_' or '-'");
    }
    int bulkMaxDocs = spec.getBulkMaxDocs() == null ? 1000 : spec.getBulkMaxDocs();
    if (bulkMaxDocs < 1 || bulkMaxDocs > 100_000) {
      throw new ConfigException("spec.loaders.realtime.bulkMaxDocs must be 1..100000");
    }
    Duration flush;
    try {
      flush = Durations.parse(spec.getFlushInterval() == null ? "1s" : spec.getFlushInterval());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("spec.loaders.realtime.flushInterval: " + e.getMessage());
    }
    String url = spec.getUrl().endsWith("/") ? spec.getUrl() : spec.getUrl() + "/";
    return new RealtimeLoaderSettings(
        URI.create(url),
        spec.getIndexPrefix(),
        bulkMaxDocs,
        flush,
        config.secret("SLUICE_REALTIME_USERNAME"),
        config.secret("SLUICE_REALTIME_PASSWORD"),
        config.stageConfig().getTopics(),
        config.stageConfig().getPipeline() + "-realtime-loader");
  }
}
