package dev.sluice.runtime.curation;

import dev.sluice.api.v1alpha1.BatchFormat;
import dev.sluice.api.v1alpha1.CurationSpec;
import dev.sluice.api.v1alpha1.CurationWindow;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;

/**
 * What the curation job runs with, checked.
 *
 * @param rawBucket bucket of the batch loader's objects ({@code spec.loaders.batch.bucket})
 * @param rawPrefix their key prefix
 * @param rawFormat their format
 * @param curatedBucket bucket of the curated Parquet and reports ({@code spec.curation.bucket})
 * @param window the window length {@code previous} means
 * @param dedupeKey the attribute events are deduplicated on
 */
public record CurationSettings(
    String rawBucket,
    String rawPrefix,
    BatchFormat rawFormat,
    String curatedBucket,
    CurationWindow window,
    String dedupeKey) {

  /**
   * @throws ConfigException naming the field at fault
   */
  public static CurationSettings from(RuntimeConfig config) {
    var spec = config.stageConfig().getSpec();
    CurationSpec curation = spec.getCuration();
    if (curation == null || curation.getBucket() == null) {
      throw new ConfigException("spec.curation.bucket is required by the curation stage");
    }
    var batch = spec.getLoaders() == null ? null : spec.getLoaders().getBatch();
    if (batch == null || batch.getBucket() == null) {
      throw new ConfigException(
          "spec.loaders.batch is required by the curation stage (it curates the batch objects)");
    }
    String key = curation.getDedupeKey() == null ? "id" : curation.getDedupeKey();
    if (!key.matches("^[A-Za-z_][A-Za-z0-9_]*$")) {
      throw new ConfigException("spec.curation.dedupeKey '" + key + "' is not an attribute name");
    }
    String prefix = batch.getPrefix() == null ? "events" : batch.getPrefix();
    return new CurationSettings(
        batch.getBucket(),
        prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix,
        batch.getFormat() == null ? BatchFormat.JSONL_GZ : batch.getFormat(),
        curation.getBucket(),
        curation.getWindow() == null ? CurationWindow.Hour : curation.getWindow(),
        key);
  }
}
