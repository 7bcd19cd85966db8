package dev.sluice.runtime.curation;

import dev.sluice.api.stage.ContractBundle;
import dev.sluice.api.v1alpha1.BatchFormat;
import dev.sluice.api.v1alpha1.CompletenessRule;
import dev.sluice.api.v1alpha1.Durations;
import dev.sluice.api.v1alpha1.Sla;
import dev.sluice.runtime.loader.batch.ObjectLayout;
import dev.sluice.runtime.objectstore.ObjectStore;
import dev.sluice.runtime.objectstore.StoredObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Curates one contract's window: downloads the batch objects of its hours, deduplicates and checks
 * them with DuckDB ({@link WindowQueries}), writes {@code <type>/dt=…/hr=…/part-00000.parquet} per
 * hour to the curated bucket and removes what an earlier run of the window left there, so a rerun
 * replaces its output.
 */
final class WindowCurator {
  static final String PART = "part-00000.parquet";

  private final CurationSettings settings;
  private final ObjectStore store;
  private final Path work;
  private final Clock clock;

  WindowCurator(CurationSettings settings, ObjectStore store, Path work, Clock clock) {
    this.settings = settings;
    this.store = store;
    this.work = work;
    this.clock = clock;
  }

  QualityReport curate(ContractBundle contract, Window window) throws Exception {
    ObjectLayout raw = new ObjectLayout(settings.rawPrefix());
    List<Path> files = new ArrayList<>();
    for (Instant hour : window.hours()) {
      String dir = raw.hourDirectory(contract.getEventType(), hour);
      Path local = Files.createDirectories(work.resolve(dir));
      for (StoredObject o : store.list(settings.rawBucket(), dir)) {
        if (ObjectLayout.readableAs(settings.rawFormat(), o.key())) {
          // the local name keeps the extension: DuckDB picks the decompression from it
          Path file = local.resolve(o.key().substring(dir.length()).replace('/', '_'));
          store.download(settings.rawBucket(), o.key(), file);
          files.add(file);
        }
      }
    }
    Sla sla = contract.getSla() == null ? new Sla() : contract.getSla();
    long inputRows = 0;
    long rows = 0;
    QualityReport.Freshness freshness = null;
    List<QualityReport.Completeness> completeness = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      WindowQueries q = new WindowQueries(db);
      if (!files.isEmpty()) {
        q.load(files, settings.rawFormat() == BatchFormat.PARQUET, settings.dedupeKey());
        inputRows = q.count("keyed");
        rows = q.count("curated");
        for (String hour : q.hours()) {
          String key = curatedDirectory(contract, window, hour) + PART;
          Path local = work.resolve("curated-" + hour + ".parquet");
          q.writeHour(hour, local);
          store.put(settings.curatedBucket(), key, local, "application/vnd.apache.parquet");
          outputs.add(key);
        }
      }
      if (sla.getFreshness() != null) {
        long threshold = Durations.parse(sla.getFreshness()).toMillis();
        long late = files.isEmpty() ? 0 : q.late(threshold);
        double ratio = QualityReport.ratio(late, rows);
        double max = sla.getMaxLateRatio() == null ? 0.01 : sla.getMaxLateRatio();
        freshness = new QualityReport.Freshness(sla.getFreshness(), late, ratio, max, ratio <= max);
      }
      for (CompletenessRule rule : sla.getCompleteness()) {
        long nulls = files.isEmpty() ? 0 : q.nulls(rule.getField());
        double ratio = QualityReport.ratio(nulls, rows);
        completeness.add(
            new QualityReport.Completeness(
                rule.getField(),
                nulls,
                ratio,
                rule.getMaxNullRatio(),
                ratio <= rule.getMaxNullRatio()));
      }
    }
    removeStale(contract, window, outputs);
    QualityReport.MinRows minRows =
        sla.getMinRowsPerWindow() == null || sla.getMinRowsPerWindow() == 0
            ? null
            : new QualityReport.MinRows(
                sla.getMinRowsPerWindow(), rows, rows >= sla.getMinRowsPerWindow());
    boolean passed =
        (freshness == null || freshness.passed())
            && completeness.stream().allMatch(QualityReport.Completeness::passed)
            && (minRows == null || minRows.passed());
    return new QualityReport(
        contract.getName(),
        contract.getEventType(),
        window.label(),
        window.start(),
        window.end(),
        files.size(),
        inputRows,
        inputRows - rows,
        rows,
        freshness,
        completeness,
        minRows,
        passed,
        outputs,
        clock.instant());
  }

  /** {@code <type>/dt=YYYY-MM-DD/hr=HH/} of the curated bucket. */
  static String curatedDirectory(ContractBundle contract, Window window, String hour) {
    return ObjectLayout.encodeType(contract.getEventType())
        + "/dt="
        + window.start().toString().substring(0, 10)
        + "/hr="
        + hour
        + "/";
  }

  /** The report's key: beside the hour's data, or at the day's level for a day window. */
  static String reportKey(ContractBundle contract, Window window) {
    String day =
        ObjectLayout.encodeType(contract.getEventType())
            + "/dt="
            + window.start().toString().substring(0, 10)
            + "/";
    return window.kind() == dev.sluice.api.v1alpha1.CurationWindow.Day
        ? day + "_quality.json"
        : curatedDirectory(contract, window, window.label().substring(11)) + "_quality.json";
  }

  /** Deletes curated Parquet of the window's hours that this run did not write. */
  private void removeStale(ContractBundle contract, Window window, List<String> written)
      throws Exception {
    Set<String> keep = new HashSet<>(written);
    for (Instant hour : window.hours()) {
      String h = hour.toString().substring(11, 13);
      for (StoredObject o :
          store.list(settings.curatedBucket(), curatedDirectory(contract, window, h))) {
        if (o.key().endsWith(".parquet") && !keep.contains(o.key())) {
          store.delete(settings.curatedBucket(), o.key());
        }
      }
    }
  }
}
