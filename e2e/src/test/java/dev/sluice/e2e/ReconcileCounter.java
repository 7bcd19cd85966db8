package dev.sluice.e2e;

/**
 * Reads JOSDK's per-resource counter {@code operator_sdk_reconciliations_started_total} from the
 * operator's {@code /metrics} text (one series per reconciled resource, labelled {@code kind} and
 * {@code name}).
 */
final class ReconcileCounter {

  private static final String STARTED = "operator_sdk_reconciliations_started_total{";

  private ReconcileCounter() {}

  /**
   * Reconciliations started so far.
   *
   * @param metrics the Prometheus text of {@code /metrics}
   * @param kind e.g. {@code DataPipeline}
   * @param name one resource's name, or null for every resource of the kind
   */
  static long started(String metrics, String kind, String name) {
    double sum = 0;
    for (String line : metrics.lines().toList()) {
      if (line.startsWith(STARTED)
          && line.contains(",kind=\"" + kind + "\",")
          && (name == null || line.contains(",name=\"" + name + "\","))) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return Math.round(sum);
  }
}
