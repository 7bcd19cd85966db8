package dev.sluice.operator.analysis;

import dev.sluice.api.v1alpha1.AnalysisResult;
import dev.sluice.operator.rollout.Analyzer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges a candidate from the model-routers' per-variant metrics ({@code GET /router/stats} of
 * every router pod, read in parallel, {@link RouterStatsClient#TIMEOUT} each). The routers'
 * counters are cumulative since each started, so a window is the difference between now and the
 * first snapshot taken at or after its start ({@link RouterWindows}); the candidate's requests are
 * those it answered as canary and as shadow, summed over routers. A router whose counters went down
 * restarted: its current counters are its whole window.
 *
 * <p>Inconclusive, with the cause in the message: a router that cannot be read; no router with a
 * snapshot at or after the window's start (one is taken now, so the next analysis can judge); then
 * the {@link Thresholds}. Routers without a baseline yet (a new pod) are left out of the window.
 */
public final class RouterAnalyzer implements Analyzer {
  private static final Logger LOG = LoggerFactory.getLogger(RouterAnalyzer.class);

  private final RouterStatsClient client;
  private final RouterWindows windows;
  private final List<String> routerUrls;
  private final Thresholds thresholds;

  /**
   * @param routerUrls base URLs of the router pods, e.g. {@code http://10.0.3.7:8080}
   */
  RouterAnalyzer(
      RouterStatsClient client,
      RouterWindows windows,
      List<String> routerUrls,
      Thresholds thresholds) {
    this.client = client;
    this.windows = windows;
    this.routerUrls = List.copyOf(routerUrls);
    this.thresholds = thresholds;
  }

  @Override
  public AnalysisResult analyze(String candidateVersion, Instant since, Instant now) {
    if (routerUrls.isEmpty()) {
      return Thresholds.inconclusive("no router pod to read metrics from", now);
    }
    List<CandidateCounters> current;
    try {
      current = fetchAll(candidateVersion);
    } catch (RouterStatsClient.StatsUnreadableException e) {
      return Thresholds.inconclusive(e.getMessage(), now);
    }
    CandidateCounters window = null;
    for (int i = 0; i < routerUrls.size(); i++) {
      String url = routerUrls.get(i);
      CandidateCounters baseline = windows.baseline(url, candidateVersion, since);
      windows.record(url, candidateVersion, now, current.get(i), since);
      if (baseline != null) {
        CandidateCounters delta = current.get(i).since(baseline);
        window = window == null ? delta : window.plus(delta);
      }
    }
    if (window == null) {
      return Thresholds.inconclusive(
          "no router metrics snapshot since "
              + since
              + " (the operator restarted, or the window just began); taken now, the next"
              + " analysis judges from "
              + now,
          now);
    }
    return thresholds.judge(candidateVersion, window.metrics(), now);
  }

  @Override
  public void startWindow(String candidateVersion, Instant start) {
    try {
      List<CandidateCounters> current = fetchAll(candidateVersion);
      for (int i = 0; i < routerUrls.size(); i++) {
        windows.record(routerUrls.get(i), candidateVersion, start, current.get(i), start);
      }
    } catch (RouterStatsClient.StatsUnreadableException e) {
      // The analysis at the window's end takes the baseline instead and says so.
      LOG.warn("no analysis baseline for version {}: {}", candidateVersion, e.getMessage());
    }
  }

  private List<CandidateCounters> fetchAll(String version) {
    List<CompletableFuture<CandidateCounters>> pending = new ArrayList<>();
    for (String url : routerUrls) {
      pending.add(
          client
              .fetch(url, version)
              // The request timeout covers the answer's headers; this bounds reading the body too.
              .orTimeout(RouterStatsClient.TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS)
              .exceptionally(
                  e -> {
                    Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                    if (cause instanceof RouterStatsClient.StatsUnreadableException u) {
                      throw u;
                    }
                    throw new RouterStatsClient.StatsUnreadableException(
                        "router " + url + " unreachable: " + describe(cause), cause);
                  }));
    }
    try {
      return pending.stream().map(CompletableFuture::join).toList();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RouterStatsClient.StatsUnreadableException u) {
        throw u;
      }
      throw e;
    }
  }

  private static String describe(Throwable e) {
    return e.getMessage() == null
        ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
