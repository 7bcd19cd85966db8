package dev.sluice.runtime.cli;

import dev.sluice.runtime.StageName;
import dev.sluice.runtime.StageRunner;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.curation.CurationJob;
import dev.sluice.runtime.model.batch.ModelBatchJob;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code sluice} executable: with {@code --stage} it runs one stage of a pipeline (what every
 * pod of the shared runtime image does).
 */
@Command(
    name = "sluice",
    mixinStandardHelpOptions = true,
    version = "sluice 0.1.0-SNAPSHOT",
    description =
        "Runs a stage of a Sluice pipeline, or a pipeline on this machine; promotes or aborts a"
            + " ModelDeployment's release.",
    subcommands = {
      AbortCommand.class,
      CurateCommand.class,
      DemoCommand.class,
      DevCommand.class,
      PromoteCommand.class,
      SendCommand.class,
      StatusCommand.class
    })
public final class SluiceCli implements Callable<Integer> {

  @Option(
      names = "--stage",
      description =
          "Stage to run: collector, enricher, realtime-loader, batch-loader, curation,"
              + " model-server, model-router, model-batch (default: $SLUICE_STAGE).")
  String stage;

  @Option(
      names = "--config",
      description = "Stage configuration file, stage.yaml (default: $SLUICE_CONFIG).")
  Path config;

  @Option(
      names = "--window",
      description =
          "Curation and model-batch only: the window to curate or predict, an hour"
              + " (2001-01-14T21), a day (2001-01-14), 'hour' or 'day' (the last complete one),"
              + " or 'previous' (default: the last complete spec.curation.window, or"
              + " batch.window).")
  String window;

  @Override
  public Integer call() throws Exception {
    RuntimeConfig runtimeConfig = RuntimeConfig.load(stage, config, System.getenv());
    if (runtimeConfig.stage() == StageName.CURATION) {
      // a run-to-completion job, not a long-lived stage: its exit code is the outcome
      return CurationJob.run(runtimeConfig, window, Clock.systemUTC());
    }
    if (runtimeConfig.stage() == StageName.MODEL_BATCH) {
      return ModelBatchJob.run(runtimeConfig, window, Clock.systemUTC());
    }
    StageRunner runner = new StageRunner(runtimeConfig);
    Runtime.getRuntime().addShutdownHook(new Thread(runner::close, "sluice-shutdown"));
    runner.start();
    runner.awaitClose();
    return 0;
  }

  /** Entry point; exits with the command's code, 2 for bad configuration or usage. */
  public static void main(String[] args) {
    if (args.length > 0 && !args[0].startsWith("-")) {
      // Commands for people (dev, send, demo, …) log plain warnings to stderr; stages log JSON.
      System.setProperty("logback.configurationFile", "sluice-cli-logback.xml");
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line with Sluice's error handling: a bad configuration is one line, no trace. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new SluiceCli());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
            commandLine.getErr().println("sluice: " + e.getMessage());
            commandLine.getErr().flush();
            return 2;
          }
          throw e;
        });
    return cli;
  }
}
