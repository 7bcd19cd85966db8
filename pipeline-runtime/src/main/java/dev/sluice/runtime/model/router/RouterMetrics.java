package dev.sluice.runtime.model.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The router's metrics, which rollout analysis reads (tags {@code model}, {@code variant} = stable,
 * candidate or shadow, {@code version}):
 *
 * <ul>
 *   <li>{@code sluice_router_requests_total{outcome}} — ok (2xx), client_error (4xx), error (5xx,
 *       connection failure or timeout);
 *   <li>{@code sluice_router_request_seconds} — latency as the router sees it, histogram;
 *   <li>{@code sluice_router_shadow_comparisons_total{version, result}} — agree, disagree, error
 *       (the shadow failed or its answer could not be compared);
 *   <li>{@code sluice_router_shadow_dropped_total{version}} — copies not sent because {@code
 *       shadow.maxInFlight} were outstanding;
 *   <li>{@code sluice_router_shadow_disagreement_ratio} — disagree / (agree + disagree) since
 *       start.
 * </ul>
 *
 * The same numbers, cumulative since the router started, are served as JSON by {@link #stats()}.
 * Meters are registered once per variant and version and then reused, so recording a request is a
 * map lookup and two increments.
 */
final class RouterMetrics {
  private static final String[] OUTCOMES = {"ok", "client_error", "error"};

  private final MeterRegistry registry;
  private final String model;
  private final Map<Variant, Map<String, VariantMeters>> variants = new EnumMap<>(Variant.class);
  private final Map<String, ShadowMeters> shadows = new ConcurrentHashMap<>();

  RouterMetrics(MeterRegistry registry, String model) {
    this.registry = registry;
    this.model = model;
    for (Variant v : Variant.values()) {
      variants.put(v, new ConcurrentHashMap<>());
    }
    Gauge.builder("sluice_router_shadow_disagreement_ratio", this, RouterMetrics::disagreement)
        .description("Share of compared shadow answers that differ from the stable answer")
        .tag("model", model)
        .register(registry);
  }

  /** Counts one answered (or failed) request of a variant and its latency. */
  void request(Variant variant, String version, int status, long nanos) {
    VariantMeters meters =
        variants.get(variant).computeIfAbsent(version, v -> new VariantMeters(variant, v));
    int outcome = status >= 200 && status < 300 ? 0 : status >= 400 && status < 500 ? 1 : 2;
    meters.outcomes[outcome].increment();
    meters.latency.record(nanos, TimeUnit.NANOSECONDS);
  }

  void comparison(String version, ShadowComparison result) {
    shadow(version).comparisons[result.ordinal()].increment();
  }

  void shadowDropped(String version) {
    shadow(version).dropped.increment();
  }

  /**
   * The per-variant numbers, cumulative since start: {@code {"model", "variants": [{"variant",
   * "version", "requests": {"ok", "client_error", "error"}, "latency": {"count", "le": [upper
   * bounds, ms], "counts": [requests ≤ each bound]}}], "shadow": [{"version", "agree", "disagree",
   * "error", "dropped"}]}}.
   */
  JsonObject stats() {
    JsonArray all = new JsonArray();
    variants.forEach(
        (variant, byVersion) ->
            byVersion.forEach(
                (version, meters) -> {
                  JsonObject requests = new JsonObject();
                  for (int i = 0; i < OUTCOMES.length; i++) {
                    requests.put(OUTCOMES[i], (long) meters.outcomes[i].count());
                  }
                  JsonArray le = new JsonArray();
                  JsonArray counts = new JsonArray();
                  var snapshot = meters.latency.takeSnapshot();
                  for (CountAtBucket b : snapshot.histogramCounts()) {
                    le.add(b.bucket(TimeUnit.MILLISECONDS));
                    counts.add((long) b.count());
                  }
                  all.add(
                      new JsonObject()
                          .put("variant", variant.name())
                          .put("version", version)
                          .put("requests", requests)
                          .put(
                              "latency",
                              new JsonObject()
                                  .put("count", snapshot.count())
                                  .put("le", le)
                                  .put("counts", counts)));
                }));
    JsonArray shadow = new JsonArray();
    shadows.forEach(
        (version, meters) -> {
          JsonObject s = new JsonObject().put("version", version);
          for (ShadowComparison c : ShadowComparison.values()) {
            s.put(c.name(), (long) meters.comparisons[c.ordinal()].count());
          }
          shadow.add(s.put("dropped", (long) meters.dropped.count()));
        });
    return new JsonObject().put("model", model).put("variants", all).put("shadow", shadow);
  }

  private ShadowMeters shadow(String version) {
    return shadows.computeIfAbsent(version, ShadowMeters::new);
  }

  private double disagreement() {
    long agree = 0;
    long disagree = 0;
    for (ShadowMeters s : shadows.values()) {
      agree += (long) s.comparisons[ShadowComparison.agree.ordinal()].count();
      disagree += (long) s.comparisons[ShadowComparison.disagree.ordinal()].count();
    }
    return agree + disagree == 0 ? 0 : (double) disagree / (agree + disagree);
  }

  /** The meters of one variant and version. */
  private final class VariantMeters {
    final Counter[] outcomes = new Counter[OUTCOMES.length];
    final Timer latency;

    VariantMeters(Variant variant, String version) {
      for (int i = 0; i < OUTCOMES.length; i++) {
        outcomes[i] =
            Counter.builder("sluice_router_requests")
                .tags(
                    "model",
                    model,
                    "variant",
                    variant.name(),
                    "version",
                    version,
                    "outcome",
                    OUTCOMES[i])
                .register(registry);
      }
      latency =
          Timer.builder("sluice_router_request")
              .tags("model", model, "variant", variant.name(), "version", version)
              .publishPercentileHistogram()
              .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
              .maximumExpectedValue(Duration.ofSeconds(30))
              .register(registry);
    }
  }

  /** The shadow comparison meters of one candidate version. */
  private final class ShadowMeters {
    final Counter[] comparisons = new Counter[ShadowComparison.values().length];
    final Counter dropped;

    ShadowMeters(String version) {
      for (ShadowComparison c : ShadowComparison.values()) {
        comparisons[c.ordinal()] =
            registry.counter(
                "sluice_router_shadow_comparisons",
                "model",
                model,
                "version",
                version,
                "result",
                c.name());
      }
      dropped =
          registry.counter("sluice_router_shadow_dropped", "model", model, "version", version);
    }
  }
}
