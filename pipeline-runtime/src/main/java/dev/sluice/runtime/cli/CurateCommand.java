package dev.sluice.runtime.cli;

import dev.sluice.runtime.StageName;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.curation.CurationJob;
import dev.sluice.runtime.local.DevState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sluice curate}: the curation job over one window of a local pipeline's object store. */
@Command(
    name = "curate",
    mixinStandardHelpOptions = true,
    description =
        "Curates one window of the local pipeline started by sluice dev up: deduplicates, checks"
            + " the contract SLA, writes Parquet and a quality report. Exit 0 when the SLA is met,"
            + " 3 when it is not (the data is written either way).")
public final class CurateCommand implements Callable<Integer> {
  @Option(
      names = "--window",
      required = true,
      description = "An hour (2001-01-14T21), a day (2001-01-14), 'hour', 'day' or 'previous'.")
  String window;

  @Option(
      names = "--work-dir",
      defaultValue = ".sluice/dev",
      description = "Work directory of sluice dev up (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    DevState state = DevState.read(workDir);
    if (state.objectStoreDir() == null) {
      throw new IllegalArgumentException(
          "the pipeline in "
              + workDir
              + " writes to S3; run the curation stage against it instead");
    }
    Map<String, String> env = new HashMap<>();
    env.put("SLUICE_OBJECTSTORE_DIR", state.objectStoreDir());
    env.put("SLUICE_INSTANCE", "local-curation");
    RuntimeConfig config =
        RuntimeConfig.load(StageName.CURATION.cliName(), workDir.resolve("stage.yaml"), env);
    int exit = CurationJob.run(config, window, Clock.systemUTC());
    System.out.printf(
        "window %s curated into %s/%s (%s)%n",
        window,
        state.objectStoreDir(),
        state.curatedBucket(),
        exit == CurationJob.OK ? "SLA met" : "SLA not met; see _quality.json");
    return exit;
  }
}
