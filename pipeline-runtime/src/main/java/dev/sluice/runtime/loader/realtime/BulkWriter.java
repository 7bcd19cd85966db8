package dev.sluice.runtime.loader.realtime;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.runtime.loader.Backoff;
import dev.sluice.runtime.loader.Waiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes documents with {@code _bulk} until every one is written or refused: a failed request
 * (unreachable, 429, 5xx) is sent again whole, items refused with 429/5xx are sent again alone,
 * with jittered exponential backoff (100 ms doubling to 30 s) and no deadline — the loader commits
 * nothing meanwhile. Items refused otherwise (mapping errors, rejected documents) are returned.
 */
final class BulkWriter {
  private static final Logger LOG = LoggerFactory.getLogger(BulkWriter.class);

  /**
   * A document the cluster refused for good.
   *
   * @param index position in the list given to {@link #write}
   * @param result the item's result
   */
  record Refused(int index, BulkItemResult result) {}

  private final SearchClient client;
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
  private final AtomicBoolean healthy = new AtomicBoolean(true);
  private final MeterRegistry registry;

  BulkWriter(SearchClient client, MeterRegistry registry) {
    this.client = client;
    this.registry = registry;
  }

  /**
   * @return the refused documents, or empty when the loader stopped before all were written
   */
  Optional<List<Refused>> write(List<IndexDocument> documents, Waiter waiter) {
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      todo.add(i);
    }
    List<Refused> refused = new ArrayList<>();
    while (!todo.isEmpty()) {
      List<BulkItemResult> results;
      try {
        byte[] response = client.bulk(ndjson(documents, todo));
        results = BulkResponse.parse(response, todo.size());
      } catch (SearchUnavailableException | IOException e) {
        healthy.set(false);
        registry.counter("sluice.loader.bulk.failures").increment();
        Duration wait = backoff.next();
        LOG.warn(
            "_bulk of {} documents failed, retrying in {} ms: {}",
            todo.size(),
            wait.toMillis(),
            e.getMessage());
        if (!waiter.await(wait)) {
          return Optional.empty();
        }
        continue;
      }
      healthy.set(true);
      List<Integer> again = new ArrayList<>();
      for (int i = 0; i < results.size(); i++) {
        BulkItemResult r = results.get(i);
        if (r.retriable()) {
          again.add(todo.get(i));
        } else if (!r.succeeded()) {
          refused.add(new Refused(todo.get(i), r));
        }
      }
      todo = again;
      if (!todo.isEmpty()) {
        Duration wait = backoff.next();
        LOG.warn(
            "{} documents refused with 429/5xx, retrying in {} ms", todo.size(), wait.toMillis());
        if (!waiter.await(wait)) {
          return Optional.empty();
        }
      } else {
        backoff.reset();
      }
    }
    return Optional.of(refused);
  }

  /** False after a failed request until a request succeeds. */
  boolean healthy() {
    return healthy.get();
  }

  private static byte[] ndjson(List<IndexDocument> documents, List<Integer> which) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(which.size() * 512);
    try {
      for (int i : which) {
        IndexDocument d = documents.get(i);
        try (JsonGenerator g = DocumentMapper.JSON.getFactory().createGenerator(out)) {
          g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
          g.writeStartObject();
          g.writeObjectFieldStart("index");
          g.writeStringField("_index", d.index());
          g.writeStringField("_id", d.id());
          g.writeEndObject();
          g.writeEndObject();
        }
        out.write('\n');
        out.write(d.source());
        out.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
