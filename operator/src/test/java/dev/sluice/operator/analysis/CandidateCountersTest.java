package dev.sluice.operator.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class CandidateCountersTest {

  /** Cumulative buckets at 1, 2, 5, 10 ms. */
  private static NavigableMap<Double, Long> buckets(long le1, long le2, long le5, long le10) {
    NavigableMap<Double, Long> b = new TreeMap<>();
    b.put(1.0, le1);
    b.put(2.0, le2);
    b.put(5.0, le5);
    b.put(10.0, le10);
    return b;
  }

  @Test
  void aWindowIsTheDifferenceOfCumulativeCounters() {
    CandidateCounters before = new CandidateCounters(100, 1, buckets(50, 90, 100, 100), 10, 1);
    CandidateCounters after = new CandidateCounters(300, 4, buckets(100, 200, 280, 300), 30, 5);

    CandidateCounters window = after.since(before);

    assertThat(window.requests()).isEqualTo(200);
    assertThat(window.errors()).isEqualTo(3);
    assertThat(window.buckets()).isEqualTo(buckets(50, 110, 180, 200));
    assertThat(window.agree()).isEqualTo(20);
    assertThat(window.disagree()).isEqualTo(4);
  }

  @Test
  void aCounterThatWentDownMeansTheRouterRestartedAndCountsWhole() {
    CandidateCounters before = new CandidateCounters(1000, 5, buckets(900, 1000, 1000, 1000), 0, 0);
    CandidateCounters restarted = new CandidateCounters(40, 2, buckets(10, 30, 40, 40), 0, 0);

    assertThat(restarted.since(before)).isEqualTo(restarted);
  }

  @Test
  void p99IsInterpolatedInsideItsBucket() {
    // 200 requests: 99th percentile rank 198 lies in (5, 10] holding requests 181..200.
    CandidateCounters window = new CandidateCounters(200, 0, buckets(50, 110, 180, 200), 0, 0);

    assertThat(window.p99Ms()).isCloseTo(5 + 5 * (198.0 - 180) / 20, within(1e-9));
    assertThat(CandidateCounters.ZERO.p99Ms()).isNull();
    CandidateCounters beyond = new CandidateCounters(200, 0, buckets(0, 0, 0, 100), 0, 0);
    assertThat(beyond.p99Ms()).isEqualTo(10.0);
  }

  @Test
  void routersAddUp() {
    CandidateCounters a = new CandidateCounters(10, 1, buckets(5, 10, 10, 10), 3, 1);
    CandidateCounters b = new CandidateCounters(20, 0, buckets(0, 10, 20, 20), 4, 0);

    CandidateCounters sum = a.plus(b);

    assertThat(sum).isEqualTo(new CandidateCounters(30, 1, buckets(5, 20, 30, 30), 7, 1));
    assertThat(sum.metrics()).isEqualTo(new WindowMetrics(30, 1, sum.p99Ms(), 8, 1));
  }
}
