package dev.sluice.runtime.send;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

/**
 * Reads records, turns them into CloudEvents and posts them in batches from a few concurrent
 * clients. Memory stays bounded: at most {@code 2 × concurrency} batches wait in a queue.
 */
public final class Sender {
  private static final ArrayNode END = JsonNodeFactory.instance.arrayNode();

  private final CollectorClient client;
  private final EventFactory events;
  private final int batchSize;
  private final int concurrency;
  private final double rate;

  /**
   * @param client the collector
   * @param events record → event
   * @param batchSize events per request (1..1000)
   * @param concurrency requests in flight at once
   * @param rate most events per second; 0 for no limit
   */
  public Sender(
      CollectorClient client, EventFactory events, int batchSize, int concurrency, double rate) {
    this.client = client;
    this.events = events;
    this.batchSize = batchSize;
    this.concurrency = concurrency;
    this.rate = rate;
  }

  /**
   * Sends every record of {@code source}.
   *
   * @param progress told the running count of events whose batch was answered
   * @throws IOException when the file cannot be read
   * @throws InterruptedException when interrupted
   */
  public SendReport send(RecordSource source, LongConsumer progress)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    BlockingQueue<ArrayNode> queue = new ArrayBlockingQueue<>(2 * concurrency);
    AtomicLong answered = new AtomicLong();
    AtomicLong accepted = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    Map<String, Long> rejected = new HashMap<>();
    ExecutorService workers = Executors.newFixedThreadPool(concurrency);
    Future<?>[] running = new Future<?>[concurrency];
    for (int i = 0; i < concurrency; i++) {
      running[i] =
          workers.submit(
              () -> {
                for (ArrayNode batch = queue.take(); batch != END; batch = queue.take()) {
                  BatchResult result = client.send(batch);
                  accepted.addAndGet(result.accepted());
                  failed.addAndGet(result.failed());
                  synchronized (rejected) {
                    result.rejectedByReason().forEach((k, v) -> rejected.merge(k, v, Long::sum));
                  }
                  progress.accept(answered.addAndGet(batch.size()));
                }
                return null;
              });
    }
    long sent = 0;
    long unreadable = 0;
    try {
      ArrayNode batch = JsonNodeFactory.instance.arrayNode();
      long number = 0;
      for (ObjectNode record = source.next(); record != null; record = source.next()) {
        number++;
        try {
          batch.add(events.toEvent(record, number));
        } catch (IllegalArgumentException e) {
          unreadable++;
          continue;
        }
        sent++;
        if (batch.size() == batchSize) {
          pace(start, sent);
          queue.put(batch);
          batch = JsonNodeFactory.instance.arrayNode();
        }
      }
      if (!batch.isEmpty()) {
        queue.put(batch);
      }
    } finally {
      for (int i = 0; i < concurrency; i++) {
        queue.put(END);
      }
      workers.shutdown();
    }
    for (Future<?> f : running) {
      try {
        f.get();
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("sending failed: " + e.getCause(), e.getCause());
      }
    }
    return new SendReport(
        sent,
        accepted.get(),
        Map.copyOf(rejected),
        failed.get(),
        unreadable,
        Duration.ofNanos(System.nanoTime() - start));
  }

  /** Waits, when a rate is set, until {@code sent} events are due. */
  private void pace(long start, long sent) {
    if (rate <= 0) {
      return;
    }
    long due = start + (long) (sent / rate * 1e9);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      LockSupport.parkNanos(wait);
    }
  }
}
