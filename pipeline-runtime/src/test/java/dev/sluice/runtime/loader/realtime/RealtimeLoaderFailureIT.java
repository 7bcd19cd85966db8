package dev.sluice.runtime.loader.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.runtime.StageName;
import dev.sluice.runtime.loader.CrashingLoader;
import dev.sluice.runtime.loader.CrashingLoaderMain;
import dev.sluice.runtime.testing.LocalOpenSearch;
import dev.sluice.runtime.testing.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The real-time loader through a crash between bulk response and commit, and through an outage of
 * the real OpenSearch node: nothing duplicated, nothing missing, nothing committed while down.
 */
class RealtimeLoaderFailureIT extends RealtimeLoaderFixture {

  @Test
  void aCrashAfterTheBulkResponseAndBeforeTheCommitNeitherDuplicatesNorLosesDocuments()
      throws Exception {
    config.getSpec().getLoaders().getRealtime().setFlushInterval("60s");
    config.setContractsDir(contracts.toString());
    sendEvents(0, 300);

    int exit =
        CrashingLoader.runUntilCrash(
            StageName.REALTIME_LOADER, config, contracts, Map.of(), 3, 180);

    assertThat(exit).isEqualTo(CrashingLoaderMain.CRASH_EXIT);
    long committedAtCrash = committed(config.getTopics().getEnriched());
    long indexedAtCrash = search.count(indexPrefix + "-2*", null);
    // the crash left documents written whose offsets were not committed
    assertThat(committedAtCrash).isEqualTo(100);
    assertThat(indexedAtCrash).isEqualTo(150);

    config.getSpec().getLoaders().getRealtime().setFlushInterval("200ms");
    try (var ctx = context();
        var loader = loader(ctx)) {
      loader.start();
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> committed(config.getTopics().getEnriched()) == 300);
    }
    assertThat(search.count(indexPrefix + "-2*", null)).isEqualTo(300);
    Set<String> expected = new HashSet<>();
    IntStream.range(0, 300).forEach(i -> expected.add("f-" + i + "@/test/collector"));
    assertThat(search.ids(indexPrefix + "-2*")).isEqualTo(expected);
  }

  @Test
  void whileOpenSearchIsDownNothingIsCommittedAndConsumptionResumesAfterwards() {
    LocalOpenSearch os = LocalOpenSearch.shared();
    try (var ctx = context();
        var loader = loader(ctx)) {
      loader.start();
      sendEvents(0, 100);
      await()
          .atMost(Duration.ofSeconds(90))
          .until(() -> committed(config.getTopics().getEnriched()) == 100);

      os.stop();
      sendEvents(100, 200);
      await()
          .atMost(Duration.ofSeconds(60))
          .pollDelay(Duration.ofSeconds(5))
          .until(() -> !loader.isReady());
      assertThat(committed(config.getTopics().getEnriched())).isEqualTo(100);

      os.start();
      await()
          .atMost(Duration.ofSeconds(120))
          .until(() -> committed(config.getTopics().getEnriched()) == 200);
      await().atMost(Duration.ofSeconds(30)).until(loader::isReady);
    } finally {
      os.start(); // leave the shared node running whatever happened
    }
    assertThat(search.count(indexPrefix + "-2*", null)).isEqualTo(200);
  }

  void sendEvents(int from, int to) {
    send(
        IntStream.range(from, to)
            .mapToObj(
                i -> {
                  Instant t = DAY1.plusSeconds(i);
                  return TestEvents.record(
                      config.getTopics().getEnriched(),
                      TestEvents.event(TYPE, "f-" + i, t, t, flight(i)));
                })
            .toList());
  }
}
