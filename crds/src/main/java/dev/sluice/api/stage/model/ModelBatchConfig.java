package dev.sluice.api.stage.model;

import dev.sluice.api.v1alpha1.CurationWindow;

/**
 * The {@code batch} block: a run-to-completion job ({@code --stage model-batch}, a CronJob in a
 * cluster) that predicts one window of curated data with one model version and writes the
 * predictions beside the input, {@code <input.bucket>/<input.prefix>/dt=…/hr=…/predictions-<model>-
 * <version>.parquet}, with a JSON report per window. Each run reads the file afresh, so any change
 * takes effect at the next run.
 *
 * @param model model name in the registry, e.g. {@code flight-delay}
 * @param version version, or an alias such as {@code production} (resolved when the job starts; the
 *     output names carry the resolved version)
 * @param registry where the registry is
 * @param input the curated Parquet to predict
 * @param window what {@code --window previous} means: the last complete {@code Hour} (default) or
 *     {@code Day} before now, by event time in UTC (as the curation job's {@code --window})
 * @param batchSize rows per inference call (default 1024)
 * @param maxInputBytes largest curated object read, bytes (default 1 GiB); a larger one fails the
 *     run, naming it
 * @param maxListedRejections rows that cannot be predicted are all counted; this many of them
 *     (default 1000) are also listed in the report, with their id and the field at fault
 */
public record ModelBatchConfig(
    String model,
    String version,
    RegistryConfig registry,
    CuratedInputConfig input,
    CurationWindow window,
    Integer batchSize,
    Long maxInputBytes,
    Integer maxListedRejections) {

  public ModelBatchConfig {
    window = window == null ? CurationWindow.Hour : window;
    batchSize = batchSize == null ? 1024 : batchSize;
    maxInputBytes = maxInputBytes == null ? 1024L * 1024 * 1024 : maxInputBytes;
    maxListedRejections = maxListedRejections == null ? 1000 : maxListedRejections;
  }

  void validate(Fields f) {
    f.name("model", model);
    f.name("version", version);
    f.require(registry != null, "registry", "is required");
    registry.validate(f.nested("registry."));
    f.require(input != null, "input", "is required");
    input.validate(f.nested("input."));
    f.range("batchSize", batchSize, 1, 1_000_000);
    f.range("maxInputBytes", maxInputBytes, 1024, 64L * 1024 * 1024 * 1024);
    f.range("maxListedRejections", maxListedRejections, 0, 100_000);
  }
}
