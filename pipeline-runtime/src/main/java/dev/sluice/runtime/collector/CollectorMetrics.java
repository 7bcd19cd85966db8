package dev.sluice.runtime.collector;

import dev.sluice.runtime.collector.publish.Candidate;
import dev.sluice.runtime.collector.publish.PublishResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The collector's meters (Prometheus names): {@code sluice_collector_events_total{transport,
 * outcome=accepted|rejected, reason}} (reason is the dead-letter error class, {@code none} when
 * accepted), {@code sluice_collector_requests_seconds{transport, status}} (request latency until
 * the answer), {@code sluice_collector_requests_refused_total{transport, reason=overloaded|
 * kafka_unavailable|unauthorized|shutting_down|request_timeout}} and the gauge {@code
 * sluice_collector_requests_in_flight}.
 */
public final class CollectorMetrics {
  private final MeterRegistry registry;
  // Looked up on every request: cached so the hot path builds no tags.
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Map<String, Counter> counters = new ConcurrentHashMap<>();

  public CollectorMetrics(MeterRegistry registry, InFlightLimiter limiter) {
    this.registry = registry;
    Gauge.builder("sluice.collector.requests.in.flight", limiter, InFlightLimiter::inFlight)
        .description("Requests being handled now")
        .register(registry);
  }

  /** Counts the events of one answered request. */
  public void events(String transport, PublishResult result) {
    if (result.accepted() > 0) {
      counter(transport, "accepted", "none").increment(result.accepted());
    }
    for (Candidate c : result.rejected()) {
      counter(transport, "rejected", c.rejection().errorClass().name()).increment();
    }
  }

  /** Counts a whole request dead-lettered as one record. */
  public void requestRejected(String transport, String errorClass) {
    counter(transport, "rejected", errorClass).increment();
  }

  /** Counts a request refused without writing anything. */
  public void refused(String transport, String reason) {
    Counter.builder("sluice.collector.requests.refused")
        .description("Requests refused without writing (overload, Kafka down, no API key, timeout)")
        .tags("transport", transport, "reason", reason)
        .register(registry)
        .increment();
  }

  /** Records the latency of one answered request. */
  public void latency(String transport, int status, long startNanos) {
    timers
        .computeIfAbsent(
            transport + status,
            k ->
                Timer.builder("sluice.collector.requests")
                    .description("Time from request arrival to answer")
                    .tags("transport", transport, "status", Integer.toString(status))
                    .publishPercentileHistogram()
                    .register(registry))
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  private Counter counter(String transport, String outcome, String reason) {
    return counters.computeIfAbsent(
        transport + "/" + outcome + "/" + reason,
        k ->
            Counter.builder("sluice.collector.events")
                .description("Events answered, by outcome and dead-letter reason")
                .tags("transport", transport, "outcome", outcome, "reason", reason)
                .register(registry));
  }
}
