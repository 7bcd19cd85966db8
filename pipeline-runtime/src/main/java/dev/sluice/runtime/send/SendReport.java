package dev.sluice.runtime.send;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of sending a file: every record read is accepted, rejected (with a reason), or failed
 * (not delivered).
 *
 * @param sent records read and posted
 * @param accepted events the collector acknowledged
 * @param rejectedByReason events the collector refused, by reason
 * @param failed events never delivered
 * @param unreadable records that could not be turned into events (bad time or id field)
 * @param elapsed wall time
 */
public record SendReport(
    long sent,
    long accepted,
    Map<String, Long> rejectedByReason,
    long failed,
    long unreadable,
    Duration elapsed) {

  /** Events rejected for any reason. */
  public long rejected() {
    return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Records sent per second of wall time. */
  public double eventsPerSecond() {
    return elapsed.isZero() ? 0 : sent / (elapsed.toNanos() / 1e9);
  }

  /** A few lines for a terminal. */
  public String summary() {
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            "sent %,d  accepted %,d  rejected %,d  failed %,d  unreadable %,d  in %.1f s (%,.0f events/s)%n",
            sent,
            accepted,
            rejected(),
            failed,
            unreadable,
            elapsed.toMillis() / 1000.0,
            eventsPerSecond()));
    new TreeMap<>(rejectedByReason)
        .forEach((reason, n) -> b.append(String.format("  rejected %-24s %,d%n", reason, n)));
    return b.toString();
  }
}
