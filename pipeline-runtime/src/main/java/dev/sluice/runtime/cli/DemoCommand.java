package dev.sluice.runtime.cli;

import dev.sluice.runtime.local.DemoSummary;
import dev.sluice.runtime.local.DevResources;
import dev.sluice.runtime.local.LocalPipeline;
import dev.sluice.runtime.local.PipelineCounts;
import dev.sluice.runtime.send.CollectorClient;
import dev.sluice.runtime.send.EventFactory;
import dev.sluice.runtime.send.RecordSource;
import dev.sluice.runtime.send.SendReport;
import dev.sluice.runtime.send.Sender;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sluice demo}: the flights pipeline end to end on this machine, on real data — fetch the
 * data, start the pipeline, send every flight, wait until each is loaded or dead-lettered, curate,
 * and check that the counts add up.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Runs samples/flights end to end on this machine on the real 2001 US flights data and"
            + " exits 0 only if every event is accounted for.")
public final class DemoCommand implements Callable<Integer> {
  private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(10);

  @Option(
      names = "--home",
      defaultValue = "${env:SLUICE_HOME:-.}",
      description = "The Sluice checkout holding samples/ (default: $SLUICE_HOME or .).")
  Path home;

  @Option(
      names = "--data",
      defaultValue = "flights-20k.json",
      description = "Data file of samples/flights/data to send (default: ${DEFAULT-VALUE}).")
  String data;

  @Option(names = "--limit", defaultValue = "0", description = "Most flights to send; 0 = all.")
  long limit;

  @Mixin DevCommand.LocalOptions local;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    Path samples = home.resolve("samples").resolve("flights");
    Path workDir =
        local.workDir.equals(Path.of(".sluice/dev")) ? Path.of(".sluice/demo") : local.workDir;
    out.println("1/5 fetching the flights data (vega-datasets) into " + samples.resolve("data"));
    fetchData(samples);
    deleteRecursively(workDir);

    out.println("2/5 starting Kafka and the flights pipeline in " + workDir);
    local.port = local.port == 8080 ? 0 : local.port;
    try (LocalPipeline pipeline =
        LocalPipeline.start(DevResources.read(List.of(samples)), local.toDevOptions(workDir))) {
      pipeline.notes().forEach(n -> out.println("    " + n));

      out.println("3/5 sending " + data + " to " + pipeline.collectorUrl());
      SendReport sent = send(pipeline, samples.resolve("data").resolve(data));
      out.print(indent(sent.summary()));

      out.println("4/5 waiting until every event is enriched or dead-lettered, then flushing");
      awaitSettled(pipeline, sent.accepted());
      pipeline.stopStages();

      out.println("5/5 curating every day of data (deduplicate, check the SLA, write Parquet)");
      DemoSummary summary =
          DemoSummary.collect(
              pipeline, sent, local.toDevOptions(workDir).objectStoreDir().toAbsolutePath());
      out.print(summary.render());
      if (summary.curation().stream().anyMatch(w -> !w.slaPassed())) {
        out.println(
            "note: the flights are from 2001 and arrive now, so the freshness SLA fails by design;"
                + " the windows' data is curated all the same.");
      }
      return summary.addsUp() ? 0 : 1;
    }
  }

  private SendReport send(LocalPipeline pipeline, Path file) throws Exception {
    EventFactory events =
        new EventFactory(
            "flight.departed",
            "vega-datasets/" + file.getFileName(),
            null,
            "date",
            "origin",
            ZoneOffset.UTC);
    CollectorClient client =
        new CollectorClient(pipeline.collectorUrl(), null, Duration.ofSeconds(60));
    try (RecordSource records = RecordSource.open(file, limit)) {
      return new Sender(client, events, 500, 4, 0).send(records, n -> {});
    }
  }

  private static void awaitSettled(LocalPipeline pipeline, long accepted)
      throws InterruptedException {
    long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
    while (true) {
      PipelineCounts c = pipeline.counts();
      if (c.raw() >= accepted && c.enricherCommitted() >= c.raw()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "the enricher did not catch up within " + SETTLE_TIMEOUT + ": " + c);
      }
      TimeUnit.MILLISECONDS.sleep(250);
    }
  }

  private static void fetchData(Path samples) throws IOException, InterruptedException {
    Process fetch =
        new ProcessBuilder("bash", samples.resolve("fetch-data.sh").toString()).inheritIO().start();
    if (fetch.waitFor() != 0) {
      throw new IllegalArgumentException(
          "could not fetch the flights data (samples/flights/fetch-data.sh exited "
              + fetch.exitValue()
              + ")");
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static String indent(String text) {
    return text.lines().map(l -> "    " + l + System.lineSeparator()).reduce("", String::concat);
  }
}
