package dev.sluice.operator.pipeline.topics;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a CRD is installed, asked of the API server at most once per {@code recheck} while it is
 * absent, and never again once it is present (installing Strimzi later is noticed; uninstalling it
 * while the operator runs is not).
 */
public final class CrdPresence {
  /** Name of Strimzi's KafkaTopic CRD. */
  public static final String KAFKA_TOPICS = "kafkatopics.kafka.strimzi.io";

  private record Seen(boolean present, Instant at) {}

  private final KubernetesClient client;
  private final Clock clock;
  private final Duration recheck;
  private final Map<String, Seen> seen = new ConcurrentHashMap<>();

  /**
   * @param client reads CustomResourceDefinitions (cluster-scoped get)
   * @param clock decides when an absent CRD is checked again
   * @param recheck how long an "absent" answer is trusted
   */
  public CrdPresence(KubernetesClient client, Clock clock, Duration recheck) {
    this.client = client;
    this.clock = clock;
    this.recheck = recheck;
  }

  /**
   * Whether a CRD is installed.
   *
   * @param crdName e.g. {@link #KAFKA_TOPICS}
   * @return true when the API server has it
   */
  public boolean installed(String crdName) {
    Instant now = clock.instant();
    Seen last = seen.get(crdName);
    if (last != null && (last.present() || last.at().plus(recheck).isAfter(now))) {
      return last.present();
    }
    boolean present =
        client.resources(CustomResourceDefinition.class).withName(crdName).get() != null;
    seen.put(crdName, new Seen(present, now));
    return present;
  }
}
