package dev.sluice.runtime.curation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.api.stage.ContractBundle;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.loader.ContractBundleFiles;
import dev.sluice.runtime.objectstore.ObjectStore;
import dev.sluice.runtime.objectstore.ObjectStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code curation} stage: a run-to-completion job (a CronJob in a cluster). For every contract
 * of the pipeline it curates one window ({@link WindowCurator}) and writes its {@link
 * QualityReport} as JSON to the curated bucket. A window that fails its SLA still writes its data
 * and report; the run then exits {@link #SLA_FAILED}.
 */
public final class CurationJob {
  /** Every window met its SLA. */
  public static final int OK = 0;

  /** At least one window failed its SLA (its data and report were written). */
  public static final int SLA_FAILED = 3;

  private static final Logger LOG = LoggerFactory.getLogger(CurationJob.class);
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .enable(SerializationFeature.INDENT_OUTPUT);

  /**
   * Runs the job.
   *
   * @param window the {@code --window} option ({@link Window#parse}); null means {@code previous}
   * @return {@link #OK} or {@link #SLA_FAILED}
   * @throws ConfigException for a bad configuration or window
   * @throws Exception when the object store or DuckDB fails (the run can simply be repeated)
   */
  public static int run(RuntimeConfig config, String window, Clock clock) throws Exception {
    CurationSettings settings = CurationSettings.from(config);
    Window w = Window.parse(window, settings.window(), clock);
    List<ContractBundle> contracts = ContractBundleFiles.readAll(config.contractsDir());
    if (contracts.isEmpty()) {
      throw new ConfigException("no contract bundles in " + config.contractsDir());
    }
    Path work = Files.createTempDirectory("sluice-curation-");
    List<QualityReport> reports = new ArrayList<>();
    try (ObjectStore store = ObjectStores.fromConfig(config)) {
      store.ensureBucket(settings.curatedBucket());
      for (ContractBundle contract : contracts) {
        Path dir = Files.createDirectories(work.resolve(contract.getName()));
        QualityReport report = new WindowCurator(settings, store, dir, clock).curate(contract, w);
        store.put(
            settings.curatedBucket(),
            WindowCurator.reportKey(contract, w),
            JSON.writeValueAsBytes(report),
            "application/json");
        LOG.info(
            "curated {} window {}: {} events ({} duplicates dropped), SLA {}",
            contract.getName(),
            w.label(),
            report.rows(),
            report.duplicates(),
            report.passed() ? "met" : "FAILED");
        reports.add(report);
      }
    } finally {
      deleteTree(work);
    }
    return reports.stream().allMatch(QualityReport::passed) ? OK : SLA_FAILED;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception e) {
      LOG.warn("could not remove {}: {}", dir, e.toString());
    }
  }

  private CurationJob() {}
}
