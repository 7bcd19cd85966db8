package dev.sluice.runtime.model.router;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The router's metrics, which rollout analysis reads (tags {@code model}, {@code variant} = stable,
 * candidate or shadow, {@code version}):
 *
 * <ul>
 *   <li>{@code sluice_router_requests_total{outcome}} — ok (2xx), client_error (4xx), error (5xx,
 *       connection failure or timeout);
 *   <li>{@code sluice_router_request_seconds} — latency as the router sees it, histogram;
 *   <li>{@code sluice_router_shadow_comparisons_total{result}} — agree, disagree, error (the shadow
 *       failed or its answer could not be compared);
 *   <li>{@code sluice_router_shadow_dropped_total} — copies not sent because {@code
 *       shadow.maxInFlight} were outstanding;
 *   <li>{@code sluice_router_shadow_disagreement_ratio} — disagree / (agree + disagree) since
 *       start.
 * </ul>
 */
final class RouterMetrics {
  private final MeterRegistry registry;
  private final String model;
  private final AtomicLong agree = new AtomicLong();
  private final AtomicLong disagree = new AtomicLong();

  RouterMetrics(MeterRegistry registry, String model) {
    this.registry = registry;
    this.model = model;
    Gauge.builder(
            "sluice_router_shadow_disagreement_ratio",
            this,
            m -> {
              long total = m.agree.get() + m.disagree.get();
              return total == 0 ? 0 : (double) m.disagree.get() / total;
            })
        .description("Share of compared shadow answers that differ from the stable answer")
        .tag("model", model)
        .register(registry);
  }

  void request(Variant variant, String version, int status, long nanos) {
    String outcome =
        status >= 200 && status < 300
            ? "ok"
            : status >= 400 && status < 500 ? "client_error" : "error";
    Counter.builder("sluice_router_requests")
        .tags("model", model, "variant", variant.name(), "version", version, "outcome", outcome)
        .register(registry)
        .increment();
    Timer.builder("sluice_router_request")
        .tags("model", model, "variant", variant.name(), "version", version)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1).dividedBy(10))
        .maximumExpectedValue(Duration.ofSeconds(30))
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  void comparison(ShadowComparison result) {
    switch (result) {
      case agree -> agree.incrementAndGet();
      case disagree -> disagree.incrementAndGet();
      case error -> {}
    }
    registry
        .counter("sluice_router_shadow_comparisons", "model", model, "result", result.name())
        .increment();
  }

  void shadowDropped() {
    registry.counter("sluice_router_shadow_dropped", "model", model).increment();
  }
}
