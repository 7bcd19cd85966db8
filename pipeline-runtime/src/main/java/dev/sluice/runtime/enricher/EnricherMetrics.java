package dev.sluice.runtime.enricher;

import dev.sluice.runtime.contracts.ContractRegistry;
import dev.sluice.runtime.deadletter.ErrorClass;
import dev.sluice.runtime.enricher.enrichment.EnrichmentChain;
import dev.sluice.runtime.enricher.enrichment.HttpEnrichmentStep;
import dev.sluice.runtime.enricher.enrichment.LookupEnrichmentStep;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The enricher's meters (Prometheus names): {@code sluice_enricher_events_in_total}, {@code
 * sluice_enricher_events_valid_total}, {@code sluice_enricher_events_enriched_total}, {@code
 * sluice_enricher_events_dead_lettered_total{reason=<ErrorClass>}} (counted once delivered), {@code
 * sluice_enricher_circuit_breaker_state{enrichment}} (0 closed, 1 open, 2 half-open, 3 other),
 * {@code sluice_enricher_contracts}, {@code sluice_enricher_contract_refusals_total}, {@code
 * sluice_enricher_lookup_table_rows{enrichment}} and {@code
 * sluice_enricher_lookup_table_refusals_total{enrichment}}; the enrichment latency timer is
 * registered by {@link EnrichmentChain}.
 */
final class EnricherMetrics {
  private final Counter in;
  private final Counter valid;
  private final Counter enriched;
  private final Map<ErrorClass, Counter> deadLettered = new EnumMap<>(ErrorClass.class);

  EnricherMetrics(MeterRegistry registry, ContractRegistry<?> contracts, EnrichmentChain chain) {
    in = counter(registry, "sluice.enricher.events.in", "Raw records consumed");
    valid =
        counter(
            registry, "sluice.enricher.events.valid", "Events whose data satisfied the contract");
    enriched =
        counter(
            registry, "sluice.enricher.events.enriched", "Events written to the enriched topic");
    for (ErrorClass c : ErrorClass.values()) {
      deadLettered.put(
          c,
          Counter.builder("sluice.enricher.events.dead.lettered")
              .description("Records written to the enriched dead-letter topic, by reason")
              .tag("reason", c.name())
              .register(registry));
    }
    Gauge.builder("sluice.enricher.contracts", contracts, ContractRegistry::size)
        .description("Contracts served")
        .register(registry);
    FunctionCounter.builder(
            "sluice.enricher.contract.refusals", contracts, ContractRegistry::refusals)
        .description("Contract bundle files refused (malformed, oversized, schema not compiling)")
        .register(registry);
    chain.steps().stream()
        .filter(HttpEnrichmentStep.class::isInstance)
        .map(HttpEnrichmentStep.class::cast)
        .forEach(
            step ->
                Gauge.builder(
                        "sluice.enricher.circuit.breaker.state",
                        step,
                        s ->
                            switch (s.circuitBreakerState()) {
                              case CLOSED -> 0;
                              case OPEN -> 1;
                              case HALF_OPEN -> 2;
                              default -> 3;
                            })
                    .description(
                        "Circuit breaker of an HTTP enrichment: 0 closed, 1 open, 2 half-open")
                    .tag("enrichment", step.name())
                    .register(registry));
    chain.steps().stream()
        .filter(LookupEnrichmentStep.class::isInstance)
        .map(LookupEnrichmentStep.class::cast)
        .forEach(
            step -> {
              Gauge.builder("sluice.enricher.lookup.table.rows", step, LookupEnrichmentStep::rows)
                  .description("Rows of the lookup table in use")
                  .tag("enrichment", step.name())
                  .register(registry);
              FunctionCounter.builder(
                      "sluice.enricher.lookup.table.refusals", step, LookupEnrichmentStep::refusals)
                  .description("Changed lookup table files refused (previous table kept)")
                  .tag("enrichment", step.name())
                  .register(registry);
            });
  }

  void consumed(int records) {
    in.increment(records);
  }

  /**
   * Counts the outcomes of a delivered batch. Valid events are those enriched plus those whose
   * enrichment failed (only valid events are enriched).
   */
  void delivered(List<EventOutcome> outcomes) {
    long ok = 0;
    long enrichmentFailed = 0;
    for (EventOutcome o : outcomes) {
      if (o.rejectedAs() == null) {
        ok++;
      } else {
        deadLettered.get(o.rejectedAs()).increment();
        enrichmentFailed += o.rejectedAs() == ErrorClass.EnrichmentFailed ? 1 : 0;
      }
    }
    enriched.increment(ok);
    valid.increment(ok + enrichmentFailed);
  }

  private static Counter counter(MeterRegistry registry, String name, String description) {
    return Counter.builder(name).description(description).register(registry);
  }
}
