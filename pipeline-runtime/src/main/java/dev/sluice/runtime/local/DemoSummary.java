package dev.sluice.runtime.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.runtime.send.SendReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What {@code sluice demo} found: the counts of every part of the pipeline after a run, the
 * curation of every day that holds data, and whether it all adds up.
 *
 * @param sent what {@code send} reported
 * @param counts the pipeline's counts after its stages stopped (flushed and committed)
 * @param distinctEnriched distinct event ids in the enriched topic
 * @param deadLetterReasons dead letters by class and message
 * @param objects objects the batch loader wrote
 * @param curation one entry per curated window
 * @param objectStore the local object store directory
 */
public record DemoSummary(
    SendReport sent,
    PipelineCounts counts,
    long distinctEnriched,
    Map<String, Long> deadLetterReasons,
    long objects,
    List<CuratedWindow> curation,
    Path objectStore) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One curated window, from its quality report.
   *
   * @param window e.g. {@code 2001-01-14}
   * @param rows curated (deduplicated) rows
   * @param duplicates rows dropped as duplicates
   * @param slaPassed whether the window met its SLA
   * @param failedChecks names of the checks that failed
   */
  public record CuratedWindow(
      String window, long rows, long duplicates, boolean slaPassed, List<String> failedChecks) {}

  /**
   * Gathers the summary of a run whose stages have stopped: reads the counts and ids from Kafka and
   * curates every day the batch loader wrote.
   *
   * @throws Exception when Kafka, the object store or the curation job fails
   */
  public static DemoSummary collect(LocalPipeline pipeline, SendReport sent, Path objectStore)
      throws Exception {
    PipelineCounts counts = pipeline.counts();
    long distinct =
        TopicIds.distinct(pipeline.bootstrapServers(), pipeline.topics().getEnriched()).size();
    Map<String, Long> reasons =
        DeadLetterReasons.count(
            pipeline.bootstrapServers(),
            List.of(
                pipeline.topics().getRawDeadLetter(),
                pipeline.topics().getEnrichedDeadLetter(),
                pipeline.topics().getLoaderDeadLetter()));
    Path raw = objectStore.resolve(pipeline.spec().getLoaders().getBatch().getBucket());
    Path curated = objectStore.resolve(pipeline.spec().getCuration().getBucket());
    for (String day : days(raw)) {
      pipeline.curate(day);
    }
    return new DemoSummary(
        sent, counts, distinct, reasons, countFiles(raw), windows(curated), objectStore);
  }

  /** Whether every event is accounted for: the demo's exit criterion. */
  public boolean addsUp() {
    long answered = counts.enriched() + counts.enrichedDeadLetter() + counts.rawDeadLetter();
    return sent.failed() == 0
        && sent.unreadable() == 0
        && sent.sent() == answered
        && counts.batchLoaded() == counts.enriched()
        && curatedRows() == distinctEnriched;
  }

  /** Rows of every curated window. */
  public long curatedRows() {
    return curation.stream().mapToLong(CuratedWindow::rows).sum();
  }

  /** The summary for a terminal. */
  public String render() {
    StringBuilder b = new StringBuilder();
    long deadLetters =
        counts.rawDeadLetter() + counts.enrichedDeadLetter() + counts.loaderDeadLetter();
    b.append(String.format("%nflights pipeline, end to end:%n"));
    line(b, "sent", sent.sent());
    line(b, "accepted by the collector", counts.raw());
    line(b, "dead-lettered by the collector", counts.rawDeadLetter());
    line(b, "enriched (valid, airports added)", counts.enriched());
    line(b, "dead-lettered by the enricher", counts.enrichedDeadLetter());
    line(b, "stored by the batch loader", counts.batchLoaded());
    line(b, "objects written", objects);
    line(b, "curated rows (distinct ids)", curatedRows());
    long failed = curation.stream().filter(w -> !w.slaPassed()).count();
    b.append(
        String.format(
            "  %-36s %,10d  (%,d met the SLA, %,d did not)%n",
            "curated windows", curation.size(), curation.size() - failed, failed));
    curation.stream()
        .filter(w -> !w.slaPassed())
        .flatMap(w -> w.failedChecks().stream())
        .collect(
            java.util.stream.Collectors.groupingBy(
                c -> c, java.util.TreeMap::new, java.util.stream.Collectors.counting()))
        .forEach(
            (check, n) ->
                b.append(String.format("    failed check: %s (%,d windows)%n", check, n)));
    if (deadLetters > 0) {
      b.append("  dead-letter reasons:").append(System.lineSeparator());
      deadLetterReasons.entrySet().stream()
          .limit(5)
          .forEach(e -> b.append(String.format("    %,8d  %s%n", e.getValue(), e.getKey())));
    }
    b.append(
        String.format("output: %s (raw objects, curated Parquet, quality reports)%n", objectStore));
    b.append(
        addsUp()
            ? String.format(
                "OK: sent %,d = enriched %,d + dead letters %,d; curated rows = distinct ids%n",
                sent.sent(), counts.enriched(), deadLetters)
            : String.format("MISMATCH: the counts above do not add up%n"));
    return b.toString();
  }

  private static void line(StringBuilder b, String label, long n) {
    b.append(String.format("  %-36s %,10d%n", label, n));
  }

  private static List<String> days(Path rawBucket) throws IOException {
    if (!Files.isDirectory(rawBucket)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(rawBucket)) {
      return walk.filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("dt="))
          .map(n -> n.substring(3))
          .distinct()
          .sorted()
          .toList();
    }
  }

  private static long countFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).count();
    }
  }

  private static List<CuratedWindow> windows(Path curatedBucket) throws IOException {
    List<CuratedWindow> windows = new ArrayList<>();
    if (!Files.isDirectory(curatedBucket)) {
      return windows;
    }
    try (Stream<Path> walk = Files.walk(curatedBucket)) {
      for (Path report :
          walk.filter(p -> p.getFileName().toString().equals("_quality.json")).sorted().toList()) {
        JsonNode r = JSON.readTree(report.toFile());
        List<String> failedChecks = new ArrayList<>();
        if (!r.path("freshness").path("passed").asBoolean(true)) {
          failedChecks.add(
              "freshness (events later than "
                  + r.path("freshness").path("threshold").asText()
                  + ")");
        }
        for (JsonNode c : r.path("completeness")) {
          if (!c.path("passed").asBoolean(true)) {
            failedChecks.add("completeness of " + c.path("field").asText());
          }
        }
        if (!r.path("minRows").path("passed").asBoolean(true)) {
          failedChecks.add("minimum rows");
        }
        windows.add(
            new CuratedWindow(
                r.path("window").asText(),
                r.path("rows").asLong(),
                r.path("duplicates").asLong(),
                r.path("passed").asBoolean(),
                failedChecks));
      }
    }
    return windows;
  }
}
