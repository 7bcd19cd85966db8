package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.AnalysisResult;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** An analyzer answering scripted verdicts (Inconclusive when none is left) and recording calls. */
final class FakeAnalyzer implements Analyzer {
  /** One call of {@link #analyze}. */
  record Call(String version, Instant since, Instant now) {}

  private final Deque<String> verdicts = new ArrayDeque<>();
  final List<Call> calls = new ArrayList<>();
  final List<Instant> windowStarts = new ArrayList<>();

  /** The next answers, in order. */
  FakeAnalyzer answer(String... next) {
    verdicts.addAll(List.of(next));
    return this;
  }

  @Override
  public AnalysisResult analyze(String candidateVersion, Instant since, Instant now) {
    calls.add(new Call(candidateVersion, since, now));
    AnalysisResult result = new AnalysisResult();
    result.setTime(now.toString());
    String verdict = verdicts.isEmpty() ? Verdicts.INCONCLUSIVE : verdicts.poll();
    result.setVerdict(verdict);
    result.setRequests(Verdicts.INCONCLUSIVE.equals(verdict) ? 3L : 500L);
    result.setErrorRate(Verdicts.FAIL.equals(verdict) ? 0.2 : 0.0);
    result.setMessage("fake " + verdict + ": error rate 0.2 > maxErrorRate 0.01");
    return result;
  }

  @Override
  public void startWindow(String candidateVersion, Instant start) {
    windowStarts.add(start);
  }
}
