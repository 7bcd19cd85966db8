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
import java.util.concurrent.TimeUnit;

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
   * @param added the members the steps added, rendered, in order; null when a step could not render
   *     its own (the data must then be serialized whole)
   */
  public record Result(ObjectNode data, List<String> continuedErrors, List<AddedMembers> added) {}

  private record Link(EnrichmentStep step, OnError onError, Timer success, Timer failure) {}

  /** What the steps of one event produced so far. */
  private static final class Progress {
    final ObjectNode data;
    final List<String> continued = new ArrayList<>(0);
    List<AddedMembers> added = new ArrayList<>(2);

    Progress(ObjectNode data) {
      this.data = data;
    }
  }

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
   * Applies every step to {@code data} in place, in order. Steps that complete at once (lookups)
   * run inline; the chain only goes asynchronous at a step that does not (an HTTP call).
   *
   * @return the result, or fails with the {@link StepFailedException} of the first failing step
   *     whose onError is deadLetter
   */
  public CompletableFuture<Result> apply(ObjectNode data) {
    return run(0, new Progress(data));
  }

  private CompletableFuture<Result> run(int from, Progress progress) {
    for (int i = from; i < links.size(); i++) {
      Link link = links.get(i);
      long start = System.nanoTime();
      CompletableFuture<AddedMembers> step;
      try {
        step = link.step().apply(progress.data);
      } catch (RuntimeException e) {
        step = CompletableFuture.failedFuture(e);
      }
      if (!step.isDone()) {
        int next = i + 1;
        return step.handle(
                (added, error) -> {
                  record(link, start, added, error, progress);
                  return null;
                })
            .thenCompose(ignored -> run(next, progress));
      }
      try {
        record(
            link,
            start,
            step.isCompletedExceptionally() ? null : step.resultNow(),
            step.isCompletedExceptionally() ? step.exceptionNow() : null,
            progress);
      } catch (StepFailedException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
    return CompletableFuture.completedFuture(
        new Result(progress.data, progress.continued, progress.added));
  }

  /**
   * Records one step's outcome.
   *
   * @throws StepFailedException when it failed and its onError is deadLetter
   */
  private static void record(
      Link link, long start, AddedMembers added, Throwable error, Progress progress) {
    long elapsed = System.nanoTime() - start;
    if (error == null) {
      link.success().record(elapsed, TimeUnit.NANOSECONDS);
      if (added == null) {
        progress.added = null;
      } else if (progress.added != null) {
        progress.added.add(added);
      }
      return;
    }
    link.failure().record(elapsed, TimeUnit.NANOSECONDS);
    StepFailedException failed = StepFailedException.of(link.step().name(), error);
    if (link.onError() != OnError.CONTINUE) {
      throw failed;
    }
    // A failed step added nothing.
    progress.continued.add(failed.getMessage());
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
