package dev.sluice.runtime.cli;

import dev.sluice.runtime.local.DeadLetterReasons;
import dev.sluice.runtime.local.DevState;
import dev.sluice.runtime.local.PipelineCounts;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sluice status}: counts per stage, top dead-letter reasons, objects and curated windows.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Shows the counts of the local pipeline started by sluice dev up.")
public final class StatusCommand implements Callable<Integer> {
  @Option(
      names = "--work-dir",
      defaultValue = ".sluice/dev",
      description = "Work directory of sluice dev up (default: ${DEFAULT-VALUE}).")
  Path workDir;

  @Override
  public Integer call() throws Exception {
    DevState state = DevState.read(workDir);
    PrintStream out = System.out;
    PipelineCounts c;
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                state.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5000))) {
      c = PipelineCounts.read(admin, state.pipeline(), state.topics());
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(
          "the local pipeline in "
              + workDir
              + " is not running (Kafka "
              + state.bootstrapServers()
              + " does not answer)");
    }
    out.printf(
        "pipeline %s  (Kafka %s, collector %s)%n",
        state.pipeline(), state.bootstrapServers(), state.collectorUrl());
    row(out, "collector accepted (raw topic)", c.raw());
    row(out, "raw dead letters", c.rawDeadLetter());
    row(out, "enricher committed", c.enricherCommitted());
    row(out, "enriched", c.enriched());
    row(out, "enriched dead letters", c.enrichedDeadLetter());
    row(out, "stored by the batch loader", c.batchLoaded());
    row(out, "indexed by the real-time loader", c.indexed());
    row(out, "loader dead letters", c.loaderDeadLetter());
    Map<String, Long> reasons =
        DeadLetterReasons.count(
            state.bootstrapServers(),
            List.of(
                state.topics().getRawDeadLetter(),
                state.topics().getEnrichedDeadLetter(),
                state.topics().getLoaderDeadLetter()));
    if (!reasons.isEmpty()) {
      out.println("top dead-letter reasons:");
      reasons.entrySet().stream()
          .limit(10)
          .forEach(e -> out.printf("  %,8d  %s%n", e.getValue(), e.getKey()));
    }
    if (state.objectStoreDir() != null) {
      files(out, "objects written", Path.of(state.objectStoreDir()), state.rawBucket());
      files(out, "curated files", Path.of(state.objectStoreDir()), state.curatedBucket());
    }
    return 0;
  }

  private static void row(PrintStream out, String label, long n) {
    out.printf("  %-34s %,10d%n", label, n);
  }

  private static void files(PrintStream out, String label, Path store, String bucket)
      throws IOException {
    if (bucket == null || !Files.isDirectory(store.resolve(bucket))) {
      return;
    }
    try (Stream<Path> walk = Files.walk(store.resolve(bucket))) {
      long n = walk.filter(Files::isRegularFile).count();
      out.printf("  %-34s %,10d  (%s)%n", label, n, store.resolve(bucket));
    }
  }
}
