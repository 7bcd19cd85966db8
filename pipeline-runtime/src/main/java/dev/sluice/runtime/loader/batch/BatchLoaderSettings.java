package dev.sluice.runtime.loader.batch;

import dev.sluice.api.v1alpha1.BatchFormat;
import dev.sluice.api.v1alpha1.BatchLoaderSpec;
import dev.sluice.api.v1alpha1.Durations;
import dev.sluice.api.v1alpha1.SluiceApi;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import java.time.Duration;

/**
 * What the batch loader runs with, checked.
 *
 * @param bucket bucket of the raw objects
 * @param prefix key prefix of the objects
 * @param flushRecords flush a partition's buffer at this many records
 * @param flushBytes flush a partition's buffer at this many bytes of event JSON (uncompressed)
 * @param flushInterval flush a partition's buffer at the latest this long after its first record
 * @param format object format
 * @param topic the enriched topic it consumes
 * @param loaderDeadLetterTopic where records that are not CloudEvents go
 * @param groupId the consumer group, {@code <pipeline>-batch-loader}
 */
public record BatchLoaderSettings(
    String bucket,
    String prefix,
    int flushRecords,
    long flushBytes,
    Duration flushInterval,
    BatchFormat format,
    String topic,
    String loaderDeadLetterTopic,
    String groupId) {

  /**
   * @throws ConfigException naming {@code spec.loaders.batch} or the field at fault
   */
  public static BatchLoaderSettings from(RuntimeConfig config) {
    var loaders = config.stageConfig().getSpec().getLoaders();
    BatchLoaderSpec spec = loaders == null ? null : loaders.getBatch();
    if (spec == null) {
      throw new ConfigException("spec.loaders.batch is required by the batch-loader stage");
    }
    if (spec.getBucket() == null || !spec.getBucket().matches(SluiceApi.BUCKET_PATTERN)) {
      throw new ConfigException(
          "spec.loaders.batch.bucket '" + spec.getBucket() + "' is not a valid bucket name");
    }
    String prefix = spec.getPrefix() == null ? "events" : spec.getPrefix();
    if (!prefix.matches("^[A-Za-z0-9][A-Za-z0-9/_.-]{0,200}$") || prefix.contains("..")) {
      throw new ConfigException("spec.loaders.batch.prefix '" + prefix + "' is not a valid prefix");
    }
    int records = spec.getFlushRecords() == null ? 10_000 : spec.getFlushRecords();
    if (records < 1 || records > 10_000_000) {
      throw new ConfigException("spec.loaders.batch.flushRecords must be 1..10000000");
    }
    long bytes = spec.getFlushBytes() == null ? 67_108_864L : spec.getFlushBytes();
    if (bytes < 1024 || bytes > 1_073_741_824L) {
      throw new ConfigException("spec.loaders.batch.flushBytes must be 1024..1073741824");
    }
    Duration interval;
    try {
      interval = Durations.parse(spec.getFlushInterval() == null ? "60s" : spec.getFlushInterval());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("spec.loaders.batch.flushInterval: " + e.getMessage());
    }
    var topics = config.stageConfig().getTopics();
    return new BatchLoaderSettings(
        spec.getBucket(),
        prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix,
        records,
        bytes,
        interval,
        spec.getFormat() == null ? BatchFormat.JSONL_GZ : spec.getFormat(),
        topics.getEnriched(),
        topics.getLoaderDeadLetter(),
        config.stageConfig().getPipeline() + "-batch-loader");
  }
}
