package dev.sluice.runtime.loader.realtime;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.runtime.loader.Backoff;
import dev.sluice.runtime.loader.Waiter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Indexes documents with {@code _bulk} until every one is written or refused: a failed request
 * (unreachable, 429, 5xx) is sent again whole, items refused with 429/5xx are sent again alone,
 * with jittered exponential backoff (100 ms doubling to 30 s) and no deadline — the loader commits
 * nothing meanwhile. A request refused as too large (413) is split in halves at once, down to one
 * document, which is then refused for good. Items refused otherwise (mapping errors, rejected
 * documents) are returned.
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
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < documents.size(); i++) {
      all.add(i);
    }
    // requests still to send, in document order; a request the cluster finds too large (413)
    // is replaced by its two halves
    Deque<List<Integer>> requests = new ArrayDeque<>();
    requests.add(all);
    List<Refused> refused = new ArrayList<>();
    while (!requests.isEmpty()) {
      List<Integer> todo = requests.poll();
      List<BulkItemResult> results;
      try {
        byte[] response = client.bulk(ndjson(documents, todo));
        results = BulkResponse.parse(response, todo.size());
      } catch (SearchUnavailableException e) {
        if (e.status() == 413) {
          tooLarge(documents, todo, requests, refused);
          continue;
        }
        if (!failed(todo, e, waiter)) {
          return Optional.empty();
        }
        requests.addFirst(todo);
        continue;
      } catch (IOException e) {
        if (!failed(todo, e, waiter)) {
          return Optional.empty();
        }
        requests.addFirst(todo);
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
      if (!again.isEmpty()) {
        Duration wait = backoff.next();
        LOG.warn(
            "{} documents refused with 429/5xx, retrying in {} ms", again.size(), wait.toMillis());
        if (!waiter.await(wait)) {
          return Optional.empty();
        }
        requests.addFirst(again);
      } else {
        backoff.reset();
      }
    }
    return Optional.of(refused);
  }

  /**
   * A request refused as too large (413, over the cluster's {@code http.max_content_length}): sent
   * again as two halves; a single document is refused for good.
   */
  private void tooLarge(
      List<IndexDocument> documents,
      List<Integer> todo,
      Deque<List<Integer>> requests,
      List<Refused> refused) {
    registry.counter("sluice.loader.bulk.splits").increment();
    if (todo.size() == 1) {
      IndexDocument d = documents.get(todo.getFirst());
      refused.add(
          new Refused(
              todo.getFirst(),
              new BulkItemResult(
                  413,
                  "request_entity_too_large",
                  "the document ("
                      + d.source().length
                      + " bytes) alone is larger than the cluster accepts in a request"
                      + " (http.max_content_length)")));
      return;
    }
    LOG.warn("_bulk of {} documents refused as too large (413), sending halves", todo.size());
    int half = todo.size() / 2;
    requests.addFirst(List.copyOf(todo.subList(half, todo.size())));
    requests.addFirst(List.copyOf(todo.subList(0, half)));
  }

  /** Counts a failed request and waits before it is sent again; false when stopping. */
  private boolean failed(List<Integer> todo, Exception e, Waiter waiter) {
    healthy.set(false);
    registry.counter("sluice.loader.bulk.failures").increment();
    Duration wait = backoff.next();
    LOG.warn(
        "_bulk of {} documents failed, retrying in {} ms: {}",
        todo.size(),
        wait.toMillis(),
        e.getMessage());
    return waiter.await(wait);
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
