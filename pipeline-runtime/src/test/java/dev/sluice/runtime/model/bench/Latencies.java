package dev.sluice.runtime.model.bench;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of one benchmark run, in nanoseconds, and the run's length. */
record Latencies(long[] nanos, long count, double seconds) {

  static Latencies of(long[] recorded, int n, double seconds) {
    long[] sorted = Arrays.copyOf(recorded, n);
    Arrays.sort(sorted);
    return new Latencies(sorted, n, seconds);
  }

  /** The q-quantile in ms (0 < q < 1). */
  double ms(double q) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    return nanos[Math.min(nanos.length - 1, (int) Math.ceil(q * nanos.length) - 1)] / 1e6;
  }

  double perSecond() {
    return count / seconds;
  }

  String row(String name) {
    return String.format(
        Locale.ROOT, "| %s | %.3f | %.3f | %,.0f |", name, ms(0.5), ms(0.99), perSecond());
  }
}
