package dev.sluice.runtime.cli;

import dev.sluice.runtime.send.CollectorClient;
import dev.sluice.runtime.send.EventFactory;
import dev.sluice.runtime.send.RecordSource;
import dev.sluice.runtime.send.SendReport;
import dev.sluice.runtime.send.Sender;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code sluice send}: a data file → CloudEvents → a collector, in batches. */
@Command(
    name = "send",
    mixinStandardHelpOptions = true,
    description =
        "Turns each record of a JSON, JSON Lines, CSV or Parquet file into a CloudEvent and posts"
            + " them in batches to a collector.")
public final class SendCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--file",
      required = true,
      description = "Data file (.json, .jsonl, .csv, .parquet).")
  Path file;

  @Option(
      names = "--type",
      required = true,
      description = "CloudEvents type, e.g. flight.departed.")
  String type;

  @Option(
      names = "--source",
      description = "CloudEvents source (default: sluice-send/<file name>).")
  String source;

  @Option(
      names = "--collector",
      defaultValue = "http://127.0.0.1:8080",
      description = "Collector base URL (default: ${DEFAULT-VALUE}).")
  String collector;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description = "Most events per second; 0 = no limit.")
  double rate;

  @Option(names = "--limit", defaultValue = "0", description = "Most records to send; 0 = all.")
  long limit;

  @Option(names = "--id-field", description = "Field holding the event id (default: <source>#<n>).")
  String idField;

  @Option(names = "--time-field", description = "Field holding the event time.")
  String timeField;

  @Option(names = "--key-field", description = "Field whose value is the partition key.")
  String keyField;

  @Option(
      names = "--time-zone",
      defaultValue = "UTC",
      description = "Zone of times written without an offset (default: ${DEFAULT-VALUE}).")
  ZoneId zone;

  @Option(
      names = "--batch-size",
      defaultValue = "500",
      description = "Events per request (1..1000).")
  int batchSize;

  @Option(names = "--concurrency", defaultValue = "4", description = "Requests in flight (1..64).")
  int concurrency;

  @Option(names = "--api-key", description = "API key of the collector, if it requires one.")
  String apiKey;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    if (batchSize < 1 || batchSize > 1000) {
      throw new ParameterException(spec.commandLine(), "--batch-size must be 1..1000");
    }
    if (concurrency < 1 || concurrency > 64) {
      throw new ParameterException(spec.commandLine(), "--concurrency must be 1..64");
    }
    SendReport report = send(file, limit, quiet);
    spec.commandLine().getOut().print(report.summary());
    spec.commandLine().getOut().flush();
    if (report.sent() > 0 && report.accepted() == 0) {
      String reason =
          report.rejectedByReason().entrySet().stream()
              .max(java.util.Map.Entry.comparingByValue())
              .map(java.util.Map.Entry::getKey)
              .orElse("not delivered");
      throw new IllegalArgumentException("no event was accepted (" + reason + ")");
    }
    return report.failed() > 0 || report.unreadable() > 0 ? 1 : 0;
  }

  /**
   * Sends a file with this command's options.
   *
   * @throws IllegalArgumentException when the file is missing or of an unknown format
   */
  SendReport send(Path file, long limit, boolean quiet) throws Exception {
    String src = source != null ? source : "sluice-send/" + file.getFileName();
    EventFactory events = new EventFactory(type, src, idField, timeField, keyField, zone);
    CollectorClient client = new CollectorClient(collector, apiKey, Duration.ofSeconds(60));
    Sender sender = new Sender(client, events, batchSize, concurrency, rate);
    try (RecordSource records = RecordSource.open(file, limit)) {
      client.checkReachable();
      if (quiet) {
        return sender.send(records, n -> {});
      }
      try (ProgressBar bar =
          new ProgressBarBuilder()
              .setTaskName("send")
              .setInitialMax(limit > 0 ? limit : -1)
              .setStyle(ProgressBarStyle.ASCII)
              .setUnit(" events", 1)
              .showSpeed()
              .build()) {
        return sender.send(records, bar::stepTo);
      }
    }
  }
}
