package dev.sluice.operator.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operator's whole configuration, read from the environment in one place.
 *
 * @param runtimeImage image of the stages when a pipeline sets no spec.image ({@code
 *     SLUICE_RUNTIME_IMAGE}, default {@value #DEFAULT_RUNTIME_IMAGE})
 * @param watchNamespaces namespaces to watch; empty means all ({@code SLUICE_WATCH_NAMESPACES},
 *     comma-separated, default all)
 * @param leaderElection whether to elect a leader before reconciling ({@code
 *     SLUICE_LEADER_ELECTION}, default true)
 * @param leaseNamespace namespace of the leader-election Lease ({@code
 *     SLUICE_LEADER_ELECTION_NAMESPACE}, else {@code POD_NAMESPACE}, else the client's namespace)
 * @param httpPort port of /health/live, /health/ready and /metrics ({@code SLUICE_HTTP_PORT},
 *     default 8080)
 * @param serverSideApply whether dependents and status are written with server-side apply ({@code
 *     SLUICE_SERVER_SIDE_APPLY}, default true)
 * @param topicPollPeriod how often Admin-provisioned topics are read ({@code
 *     SLUICE_TOPIC_POLL_SECONDS}, default 30)
 * @param bucketPollPeriod how often buckets are checked ({@code SLUICE_BUCKET_POLL_SECONDS},
 *     default 60)
 * @param kafkaTimeout bound of one Kafka Admin call ({@code SLUICE_KAFKA_TIMEOUT_MS}, default
 *     15000)
 * @param retryMaxInterval longest wait between retries of a failed reconciliation, which are
 *     retried forever with exponential backoff from 1 s ({@code SLUICE_RETRY_MAX_INTERVAL_SECONDS},
 *     default 300)
 */
public record OperatorConfig(
    String runtimeImage,
    Set<String> watchNamespaces,
    boolean leaderElection,
    String leaseNamespace,
    int httpPort,
    boolean serverSideApply,
    Duration topicPollPeriod,
    Duration bucketPollPeriod,
    Duration kafkaTimeout,
    Duration retryMaxInterval) {

  /** The runtime image used when SLUICE_RUNTIME_IMAGE is unset. */
  public static final String DEFAULT_RUNTIME_IMAGE = "ghcr.io/sluice-dev/sluice-runtime:0.1.0";

  /** Name of the leader-election Lease. */
  public static final String LEASE_NAME = "sluice-operator";

  /**
   * Reads the configuration.
   *
   * @param env environment variables, e.g. {@code System.getenv()}
   * @return the configuration, defaults filled in
   * @throws IllegalArgumentException naming the variable when a value does not parse
   */
  public static OperatorConfig fromEnv(Map<String, String> env) {
    return new OperatorConfig(
        text(env, "SLUICE_RUNTIME_IMAGE", DEFAULT_RUNTIME_IMAGE),
        Arrays.stream(text(env, "SLUICE_WATCH_NAMESPACES", "").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toUnmodifiableSet()),
        bool(env, "SLUICE_LEADER_ELECTION", true),
        text(env, "SLUICE_LEADER_ELECTION_NAMESPACE", text(env, "POD_NAMESPACE", null)),
        (int) number(env, "SLUICE_HTTP_PORT", 8080),
        bool(env, "SLUICE_SERVER_SIDE_APPLY", true),
        Duration.ofSeconds(number(env, "SLUICE_TOPIC_POLL_SECONDS", 30)),
        Duration.ofSeconds(number(env, "SLUICE_BUCKET_POLL_SECONDS", 60)),
        Duration.ofMillis(number(env, "SLUICE_KAFKA_TIMEOUT_MS", 15_000)),
        Duration.ofSeconds(number(env, "SLUICE_RETRY_MAX_INTERVAL_SECONDS", 300)));
  }

  /** Whether every namespace is watched. */
  public boolean watchesAllNamespaces() {
    return watchNamespaces.isEmpty();
  }

  private static String text(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }

  private static boolean bool(Map<String, String> env, String name, boolean fallback) {
    String value = text(env, name, null);
    if (value == null) {
      return fallback;
    }
    if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(value);
    }
    throw new IllegalArgumentException(name + " must be true or false, not " + value);
  }

  private static long number(Map<String, String> env, String name, long fallback) {
    String value = text(env, name, null);
    if (value == null) {
      return fallback;
    }
    try {
      long n = Long.parseLong(value);
      if (n <= 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a positive integer, not " + value, e);
    }
  }
}
