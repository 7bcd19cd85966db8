package dev.sluice.operator.analysis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The snapshots of routers' cumulative counters that analysis windows are measured from, kept in
 * memory by the operator (one instance for all ModelDeployments; thread-safe). A window from {@code
 * since} starts at the first snapshot taken at or after {@code since}. Windows of a release only
 * move forward, so snapshots older than the newest window's start are dropped; at most {@link
 * #MAX_PER_SERIES} are kept per router and version, and a router not seen for {@link #FORGET_AFTER}
 * is forgotten. An operator restart loses them: the next analysis takes a new baseline.
 */
public final class RouterWindows {
  static final int MAX_PER_SERIES = 256;
  static final Duration FORGET_AFTER = Duration.ofDays(1);

  private record Series(String routerUrl, String version) {}

  private record Snapshot(Instant at, CandidateCounters counters) {}

  private final Map<Series, List<Snapshot>> snapshots = new HashMap<>();

  /**
   * @return the counters of the first snapshot of this router and version taken at or after {@code
   *     since}, or null when there is none
   */
  synchronized CandidateCounters baseline(String routerUrl, String version, Instant since) {
    for (Snapshot s : snapshots.getOrDefault(new Series(routerUrl, version), List.of())) {
      if (!s.at().isBefore(since)) {
        return s.counters();
      }
    }
    return null;
  }

  /**
   * Keeps a snapshot.
   *
   * @param windowStart the start of the window being measured: older snapshots are dropped
   */
  synchronized void record(
      String routerUrl,
      String version,
      Instant at,
      CandidateCounters counters,
      Instant windowStart) {
    List<Snapshot> series =
        snapshots.computeIfAbsent(new Series(routerUrl, version), k -> new ArrayList<>());
    series.removeIf(s -> s.at().isBefore(windowStart));
    series.add(new Snapshot(at, counters));
    if (series.size() > MAX_PER_SERIES) {
      series.remove(1); // the first one is the window's baseline
    }
    Instant stale = at.minus(FORGET_AFTER);
    snapshots.values().removeIf(s -> s.isEmpty() || s.getLast().at().isBefore(stale));
  }
}
