package dev.sluice.operator.analysis;

/**
 * What a candidate version did over one analysis window.
 *
 * @param requests requests the candidate answered or failed (split or mirrored)
 * @param errors those that failed: a 5xx, a connection failure or a timeout
 * @param p99LatencyMs 99th percentile latency in milliseconds, or null when unknown (no requests,
 *     or a provider without latencies)
 * @param compared mirrored answers compared with stable's (Shadow), 0 otherwise
 * @param disagreed compared answers that differed from stable's
 */
public record WindowMetrics(
    long requests, long errors, Double p99LatencyMs, long compared, long disagreed) {

  /** errors / requests, or 0 without requests. */
  public double errorRate() {
    return requests == 0 ? 0 : (double) errors / requests;
  }

  /** disagreed / compared, or null when nothing was compared. */
  public Double disagreementRate() {
    return compared == 0 ? null : (double) disagreed / compared;
  }
}
