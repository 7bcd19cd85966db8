package dev.sluice.runtime.enricher.enrichment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.v1alpha1.Enrichment;
import dev.sluice.api.v1alpha1.OnError;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The enrichments of a pipeline ({@code spec.enricher.enrichments}), applied in order. A failing
 * step with {@code onError: deadLetter} fails the event; with {@code continue} the event goes on
 * and the failure is listed in {@link Result#continuedErrors()}. Each step's latency is recorded in
 * the timer {@code sluice.enricher.enrichment} (tags {@code enrichment}, {@code outcome}
 * success/failure).
 */
public final class EnrichmentChain implements AutoCloseable {

  /**
   * @param data the enriched data
   * @param continuedErrors {@code <step>: <reason>} for each failed step whose onError is continue
   */
  public record Result(ObjectNode data, List<String> continuedErrors) {}

  private record Link(EnrichmentStep step, OnError onError, Timer success, Timer failure) {}

  private final List<Link> links;

  private EnrichmentChain(List<Link> links) {
    this.links = links;
  }

  /**
   * Builds the steps; lookup tables are read now.
   *
   * @throws ConfigException naming {@code spec.enricher.enrichments[i]} when a step is invalid
   */
  public static EnrichmentChain create(
      List<Enrichment> specs, RuntimeConfig config, ObjectMapper json, MeterRegistry registry) {
    List<Link> links = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Enrichment spec = specs.get(i);
      String field = "spec.enricher.enrichments[" + i + "]";
      String name = spec.getName() == null ? "enrichment-" + i : spec.getName();
      EnrichmentStep step;
      if ((spec.getHttp() == null) == (spec.getLookup() == null)) {
        throw new ConfigException(field + " sets exactly one of http or lookup");
      } else if (spec.getLookup() != null) {
        step = LookupEnrichmentStep.create(name, spec.getLookup(), config, field + ".lookup");
      } else {
        try {
          step = new HttpEnrichmentStep(name, spec.getHttp(), json);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(field + "." + e.getMessage(), e);
        }
      }
      links.add(
          new Link(
              step,
              spec.getOnError() == null ? OnError.DEAD_LETTER : spec.getOnError(),
              timer(registry, name, "success"),
              timer(registry, name, "failure")));
    }
    return new EnrichmentChain(List.copyOf(links));
  }

  /** The steps, in order. */
  public List<EnrichmentStep> steps() {
    return links.stream().map(Link::step).toList();
  }

  /**
   * Applies every step to {@code data} in place.
   *
   * @return the result, or fails with the {@link StepFailedException} of the first failing step
   *     whose onError is deadLetter
   */
  public CompletableFuture<Result> apply(ObjectNode data) {
    List<String> continued = new ArrayList<>(0);
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (Link link : links) {
      chain = chain.thenCompose(ignored -> run(link, data, continued));
    }
    return chain.thenApply(ignored -> new Result(data, continued));
  }

  private static CompletableFuture<Void> run(Link link, ObjectNode data, List<String> continued) {
    long start = System.nanoTime();
    return link.step()
        .apply(data)
        .handle(
            (ok, error) -> {
              long elapsed = System.nanoTime() - start;
              if (error == null) {
                link.success().record(elapsed, java.util.concurrent.TimeUnit.NANOSECONDS);
                return null;
              }
              link.failure().record(elapsed, java.util.concurrent.TimeUnit.NANOSECONDS);
              StepFailedException failed = StepFailedException.of(link.step().name(), error);
              if (link.onError() == OnError.CONTINUE) {
                continued.add(failed.getMessage());
                return null;
              }
              throw failed;
            });
  }

  private static Timer timer(MeterRegistry registry, String name, String outcome) {
    return Timer.builder("sluice.enricher.enrichment")
        .description("Latency of one enrichment step for one event")
        .tag("enrichment", name)
        .tag("outcome", outcome)
        .register(registry);
  }

  /** Lets every step reload its files if they changed ({@link EnrichmentStep#refresh()}). */
  public void refresh() {
    links.forEach(l -> l.step().refresh());
  }

  @Override
  public void close() {
    links.forEach(l -> l.step().close());
  }
}
