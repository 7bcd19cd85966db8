package dev.sluice.runtime.model.batch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The report of one batch run over one window, written as JSON beside the predictions ({@code
 * _predictions-<model>-<version>.json}). Counts are of curated rows (events).
 *
 * @param deployment the ModelDeployment ({@code deployment} of the configuration)
 * @param model the model's name
 * @param version the version that predicted (an alias resolved)
 * @param requestedVersion the configured version or alias
 * @param window {@code 2001-01-14T21} or {@code 2001-01-14}
 * @param windowStart first instant of the window (UTC)
 * @param windowEnd first instant after it
 * @param inputObjects curated objects read
 * @param inputRows rows read
 * @param predicted rows predicted and written
 * @param rejected rows that could not be predicted: {@code inputRows - predicted}
 * @param rejections the first of them (at most {@code batch.maxListedRejections}), in input order
 * @param rejectionsTruncated whether more rows were rejected than listed
 * @param predictedClasses rows per predicted label (empty when the model names no labels)
 * @param outputs keys of the prediction objects written
 * @param generatedAt when the report was made
 */
public record PredictionReport(
    String deployment,
    String model,
    String version,
    String requestedVersion,
    String window,
    Instant windowStart,
    Instant windowEnd,
    int inputObjects,
    long inputRows,
    long predicted,
    long rejected,
    List<Rejection> rejections,
    boolean rejectionsTruncated,
    Map<String, Long> predictedClasses,
    List<String> outputs,
    Instant generatedAt) {

  /**
   * A row that could not be predicted.
   *
   * @param id the event id (null when the row has none)
   * @param object the curated object it was read from
   * @param field JSON pointer of the field at fault, e.g. {@code /data/origin_lat}, or null
   * @param reason what is wrong, e.g. {@code field 'origin_lat' is missing}
   */
  public record Rejection(String id, String object, String field, String reason) {}
}
