package dev.sluice.runtime.curation;

import java.time.Instant;
import java.util.List;

/**
 * The quality report of one contract's window, written as JSON beside the curated data. Counts are
 * of events; ratios are 0..1 of the deduplicated events ({@code rows}), 0 when there are none.
 *
 * @param contract the contract's name
 * @param eventType its event type
 * @param window {@code 2001-01-14T21} or {@code 2001-01-14}
 * @param windowStart first instant of the window (UTC)
 * @param windowEnd first instant after it
 * @param inputObjects batch objects read
 * @param inputRows events read, duplicates included
 * @param duplicates events dropped as duplicates (same dedupe key; the earliest received is kept)
 * @param rows events written
 * @param freshness the freshness check, or null when the SLA sets no freshness
 * @param completeness one check per completeness rule
 * @param minRows the row-count check, or null when the SLA sets no minimum
 * @param passed whether every check passed
 * @param outputs keys of the curated objects written
 * @param generatedAt when the report was made
 */
public record QualityReport(
    String contract,
    String eventType,
    String window,
    Instant windowStart,
    Instant windowEnd,
    int inputObjects,
    long inputRows,
    long duplicates,
    long rows,
    Freshness freshness,
    List<Completeness> completeness,
    MinRows minRows,
    boolean passed,
    List<String> outputs,
    Instant generatedAt) {

  /**
   * Events later than the threshold: received ({@code sluicereceivedat}) minus event time ({@code
   * time}) greater than {@code threshold}.
   */
  public record Freshness(
      String threshold, long late, double lateRatio, double maxLateRatio, boolean passed) {}

  /** Events whose {@code data.<field>} is null or missing. */
  public record Completeness(
      String field, long nulls, double nullRatio, double maxNullRatio, boolean passed) {}

  /** The window holds at least {@code required} events. */
  public record MinRows(long required, long actual, boolean passed) {}

  static double ratio(long part, long whole) {
    return whole == 0 ? 0.0 : (double) part / whole;
  }
}
