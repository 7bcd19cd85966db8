package dev.sluice.operator.analysis;

import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * One router's cumulative counters (since it started) for one version: requests it answered as
 * candidate or shadow, their latency histogram, and the shadow comparisons.
 *
 * @param requests requests of every outcome
 * @param errors requests with outcome {@code error}
 * @param buckets latency histogram: upper bound in ms → requests at or under it (cumulative)
 * @param agree shadow answers equal to stable's
 * @param disagree shadow answers that differed
 */
record CandidateCounters(
    long requests, long errors, NavigableMap<Double, Long> buckets, long agree, long disagree) {

  static final CandidateCounters ZERO = new CandidateCounters(0, 0, new TreeMap<>(), 0, 0);

  /**
   * What happened between {@code baseline} and these counters. A counter lower than its baseline
   * means the router restarted: then these counters are the whole window.
   */
  CandidateCounters since(CandidateCounters baseline) {
    boolean restarted =
        requests < baseline.requests
            || errors < baseline.errors
            || agree < baseline.agree
            || disagree < baseline.disagree;
    CandidateCounters base = restarted ? ZERO : baseline;
    NavigableMap<Double, Long> diff = new TreeMap<>();
    buckets.forEach((le, n) -> diff.put(le, Math.max(0, n - base.buckets.getOrDefault(le, 0L))));
    return new CandidateCounters(
        requests - base.requests,
        errors - base.errors,
        diff,
        agree - base.agree,
        disagree - base.disagree);
  }

  /** The sum of two routers' counters. */
  CandidateCounters plus(CandidateCounters other) {
    NavigableMap<Double, Long> sum = new TreeMap<>(buckets);
    other.buckets.forEach((le, n) -> sum.merge(le, n, Long::sum));
    return new CandidateCounters(
        requests + other.requests,
        errors + other.errors,
        sum,
        agree + other.agree,
        disagree + other.disagree);
  }

  /**
   * The 99th percentile latency in ms, interpolated linearly inside the bucket that holds it (as
   * Prometheus' {@code histogram_quantile}); null without requests; the largest bound when it lies
   * above every bound.
   */
  Double p99Ms() {
    long total = requests;
    if (total == 0 || buckets.isEmpty()) {
      return null;
    }
    double rank = 0.99 * total;
    double lower = 0;
    long below = 0;
    for (Map.Entry<Double, Long> b : buckets.entrySet()) {
      if (b.getValue() >= rank) {
        long inBucket = b.getValue() - below;
        return inBucket == 0
            ? b.getKey()
            : lower + (b.getKey() - lower) * (rank - below) / inBucket;
      }
      lower = b.getKey();
      below = b.getValue();
    }
    return buckets.lastKey();
  }

  WindowMetrics metrics() {
    return new WindowMetrics(requests, errors, p99Ms(), agree + disagree, disagree);
  }
}
