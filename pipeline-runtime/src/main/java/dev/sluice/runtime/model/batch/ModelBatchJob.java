package dev.sluice.runtime.model.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.api.stage.model.ModelBatchConfig;
import dev.sluice.api.v1alpha1.CurationWindow;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.curation.Window;
import dev.sluice.runtime.model.registry.ModelRegistry;
import dev.sluice.runtime.model.server.OnnxModel;
import dev.sluice.runtime.objectstore.ObjectStore;
import dev.sluice.runtime.objectstore.StoredObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code model-batch} stage: a run-to-completion job (a CronJob in a cluster) that predicts one
 * window of curated data with one model version. For each hour of the window it reads the curated
 * Parquet {@code <prefix>/dt=…/hr=…/part-*.parquet}, predicts every row ({@link WindowPredictor})
 * and writes {@code predictions-<model>-<version>.parquet} beside it ({@link PredictionsFile}),
 * then one {@link PredictionReport}. Output names are fixed, so a rerun replaces its output; an
 * hour that no longer has input loses its stale predictions.
 */
public final class ModelBatchJob {
  /** Every row of the window was predicted. */
  public static final int OK = 0;

  /** Some rows could not be predicted (the others were written; the report lists them). */
  public static final int ROWS_REJECTED = 3;

  private static final Logger LOG = LoggerFactory.getLogger(ModelBatchJob.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private final ModelBatchConfig batch;
  private final String deployment;
  private final ObjectStore store;
  private final Path work;

  private ModelBatchJob(ModelBatchConfig batch, String deployment, ObjectStore store, Path work) {
    this.batch = batch;
    this.deployment = deployment;
    this.store = store;
    this.work = work;
  }

  /**
   * Runs the job.
   *
   * @param window the {@code --window} option ({@link Window#parse}); null means {@code previous}
   * @return {@link #OK} or {@link #ROWS_REJECTED}
   * @throws ConfigException for a bad configuration or window
   * @throws IllegalArgumentException when the model cannot run in batch mode (no features declared)
   * @throws Exception when the object store, the registry, ONNX Runtime or DuckDB fails, or an
   *     input object is larger than {@code batch.maxInputBytes} (the run can be repeated once
   *     fixed)
   */
  public static int run(RuntimeConfig config, String window, Clock clock) throws Exception {
    ModelBatchConfig batch = config.modelStage().batch();
    Window w = Window.parse(window, batch.window(), clock);
    Path work = Files.createTempDirectory("sluice-model-batch-");
    try (BatchSources sources = BatchSources.open(batch, config)) {
      ModelRegistry.LoadedModel loaded = sources.registry().load(batch.model(), batch.version());
      try (BatchModel model = new BatchModel(new OnnxModel(loaded.onnx(), loaded.metadata()))) {
        ModelBatchJob job = new ModelBatchJob(batch, config.ownerName(), sources.input(), work);
        PredictionReport report = job.predict(model, w, clock);
        LOG.info(
            "predicted {} window {} with {} version {}: {} rows predicted, {} rejected",
            batch.input().bucket() + "/" + batch.input().prefix(),
            w.label(),
            model.name(),
            model.version(),
            report.predicted(),
            report.rejected());
        return report.rejected() == 0 ? OK : ROWS_REJECTED;
      }
    } finally {
      deleteTree(work);
    }
  }

  private PredictionReport predict(BatchModel model, Window window, Clock clock) throws Exception {
    String bucket = batch.input().bucket();
    store.ensureBucket(bucket);
    String name = "predictions-" + model.name() + "-" + model.version();
    WindowPredictor predictor =
        new WindowPredictor(model, batch.batchSize(), batch.maxListedRejections());
    List<String> outputs = new ArrayList<>();
    int inputObjects = 0;
    for (Instant hour : window.hours()) {
      String dir = hourDirectory(hour);
      String target = dir + name + ".parquet";
      List<StoredObject> inputs = curatedObjects(dir);
      if (inputs.isEmpty()) {
        store.delete(bucket, target);
        continue;
      }
      Path local = Files.createDirectories(work.resolve(hour.toString().substring(0, 13)));
      List<Path> files = new ArrayList<>();
      Map<String, String> keys = new HashMap<>();
      for (StoredObject o : inputs) {
        Path file = local.resolve(o.key().substring(dir.length()));
        store.download(bucket, o.key(), file);
        files.add(file);
        keys.put(file.toAbsolutePath().toString(), o.key());
      }
      Path parquet = local.resolve(name + ".parquet");
      try (PredictionsFile out = new PredictionsFile(local.resolve(name + ".jsonl"))) {
        predictor.predictHour(files, keys, out);
        out.writeParquet(parquet);
      }
      store.put(bucket, target, parquet, "application/vnd.apache.parquet");
      outputs.add(target);
      inputObjects += inputs.size();
    }
    PredictionReport report =
        new PredictionReport(
            deployment,
            model.name(),
            model.version(),
            batch.version(),
            window.label(),
            window.start(),
            window.end(),
            inputObjects,
            predictor.rows(),
            predictor.predicted(),
            predictor.rejected(),
            predictor.rejections(),
            predictor.rejected() > predictor.rejections().size(),
            predictor.predictedClasses(),
            outputs,
            clock.instant());
    String reportKey =
        (window.kind() == CurationWindow.Day
                ? batch.input().prefix() + "/dt=" + day(window.start()) + "/"
                : hourDirectory(window.start()))
            + "_"
            + name
            + ".json";
    store.put(bucket, reportKey, JSON.writeValueAsBytes(report), "application/json");
    return report;
  }

  /** The curation job's Parquet objects directly in {@code dir}, size-checked. */
  private List<StoredObject> curatedObjects(String dir) throws IOException {
    List<StoredObject> found = new ArrayList<>();
    for (StoredObject o : store.list(batch.input().bucket(), dir)) {
      String file = o.key().substring(dir.length());
      if (file.startsWith("part-") && file.endsWith(".parquet") && !file.contains("/")) {
        if (o.size() > batch.maxInputBytes()) {
          throw new IOException(
              "curated object "
                  + o.key()
                  + " is "
                  + o.size()
                  + " bytes, larger than batch.maxInputBytes ("
                  + batch.maxInputBytes()
                  + ")");
        }
        found.add(o);
      }
    }
    return found;
  }

  /** {@code <prefix>/dt=YYYY-MM-DD/hr=HH/}, as the curation job writes it. */
  private String hourDirectory(Instant hour) {
    return batch.input().prefix()
        + "/dt="
        + day(hour)
        + "/hr="
        + hour.toString().substring(11, 13)
        + "/";
  }

  private static String day(Instant instant) {
    return instant.toString().substring(0, 10);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", dir, e.toString());
    }
  }
}
