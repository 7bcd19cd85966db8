package dev.sluice.runtime.enricher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume-process-produce loop. The loop thread polls and dispatches each poll as a {@link
 * Batch}: its partitions are processed in parallel on {@code workers} (enrichment calls run
 * concurrently), and each partition's outputs are handed to the producer in offset order, after
 * that partition's outputs of the previous batch. The loop does not wait for that: it polls again,
 * so the next batch is processed while the previous one's outputs are written. {@link
 * BatchDelivery} commits the offsets of batches whose outputs are safely written, oldest first; at
 * most {@link BatchDelivery#maxOpenBatches()} batches are open.
 *
 * <p>When an output or a commit fails, the open batches are read again from their first offsets
 * after a pause. When partitions are revoked, the open batches are committed first. A fenced or
 * unauthorised client, a processing error, or any other error escaping the loop ends it for good
 * ({@link #hasFailed()}: the process is no longer live and must be restarted).
 */
final class ProcessingLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingLoop.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  // While batches are open, poll briefly so their commit is not held up by an idle input.
  private static final Duration BUSY_POLL_TIMEOUT = Duration.ofMillis(10);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final Consumer<byte[], byte[]> consumer;
  private final EventProcessor processor;
  private final BatchDelivery delivery;
  private final EnricherMetrics metrics;
  private final ExecutorService workers;
  private final List<Batch> open = new ArrayList<>();
  // Per partition: completes when the partition's outputs of the last dispatched batch are sent.
  private final Map<TopicPartition, CompletableFuture<Void>> sentUpTo = new HashMap<>();
  private volatile boolean running = true;
  private volatile boolean polled;
  private volatile boolean failed;

  ProcessingLoop(
      Consumer<byte[], byte[]> consumer,
      EventProcessor processor,
      BatchDelivery delivery,
      EnricherMetrics metrics,
      ExecutorService workers) {
    this.consumer = consumer;
    this.processor = processor;
    this.delivery = delivery;
    this.metrics = metrics;
    this.workers = workers;
  }

  /** Commits the open batches before partitions move to another instance; pass to subscribe. */
  ConsumerRebalanceListener rebalanceListener() {
    return new ConsumerRebalanceListener() {
      @Override
      public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        commitOrRewind(open.size());
        partitions.forEach(sentUpTo::remove);
      }

      @Override
      public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}

      @Override
      public void onPartitionsLost(Collection<TopicPartition> partitions) {
        // Another instance owns them already: committing now could overwrite its progress.
        abandonOpen();
        partitions.forEach(sentUpTo::remove);
      }
    };
  }

  @Override
  public void run() {
    try {
      while (running) {
        if (!commitOrRewind(open.size() >= delivery.maxOpenBatches() ? 1 : 0)) {
          continue;
        }
        ConsumerRecords<byte[], byte[]> records =
            consumer.poll(open.isEmpty() ? POLL_TIMEOUT : BUSY_POLL_TIMEOUT);
        polled = true;
        if (!records.isEmpty()) {
          open.add(dispatch(records));
        } else if (!open.isEmpty()) {
          commitOrRewind(open.size());
        }
      }
      commitOrRewind(open.size());
    } catch (ProducerFencedException
        | FencedInstanceIdException
        | AuthenticationException
        | AuthorizationException e) {
      failed = true;
      LOG.error("enricher stopped: {}", e.toString());
    } catch (RuntimeException | Error e) {
      // Errors too: logged as JSON like the rest, and the process reports itself not live.
      failed = true;
      LOG.error("enricher loop failed", e);
    } finally {
      // Ending while still asked to run (an interrupt) is a failure too.
      failed |= running;
      abandonOpen();
      delivery.close();
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private Batch dispatch(ConsumerRecords<byte[], byte[]> records) {
    metrics.consumed(records.count());
    delivery.open();
    Map<TopicPartition, Long> first = new HashMap<>();
    Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
    List<CompletableFuture<List<EventOutcome>>> outcomes = new ArrayList<>();
    List<CompletableFuture<Void>> sent = new ArrayList<>();
    List<CompletableFuture<Void>> acked = new ArrayList<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> part = records.records(tp);
      first.put(tp, part.getFirst().offset());
      next.put(tp, new OffsetAndMetadata(part.getLast().offset() + 1));
      CompletableFuture<List<EventOutcome>> processed =
          CompletableFuture.supplyAsync(() -> process(part), workers).thenCompose(this::allOf);
      // Sent in offset order, after this partition's outputs of the batch before.
      CompletableFuture<List<CompletableFuture<RecordMetadata>>> sends =
          sentUpTo
              .getOrDefault(tp, CompletableFuture.completedFuture(null))
              .thenCombine(
                  processed,
                  (before, outs) -> outs.stream().map(o -> delivery.send(o.record())).toList());
      CompletableFuture<Void> partSent = sends.thenApply(s -> null);
      sentUpTo.put(tp, partSent);
      outcomes.add(processed);
      sent.add(partSent);
      acked.add(
          sends.thenCompose(s -> CompletableFuture.allOf(s.toArray(new CompletableFuture[0]))));
    }
    return new Batch(
        records.count(),
        first,
        next,
        allOf(outcomes).thenApply(lists -> lists.stream().flatMap(List::stream).toList()),
        CompletableFuture.allOf(sent.toArray(new CompletableFuture[0])),
        CompletableFuture.allOf(acked.toArray(new CompletableFuture[0])));
  }

  private List<CompletableFuture<EventOutcome>> process(List<ConsumerRecord<byte[], byte[]>> part) {
    List<CompletableFuture<EventOutcome>> outcomes = new ArrayList<>(part.size());
    for (ConsumerRecord<byte[], byte[]> record : part) {
      outcomes.add(processor.process(record));
    }
    return outcomes;
  }

  private <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(new CompletableFuture[0]))
        .thenApply(v -> futures.stream().map(CompletableFuture::join).toList());
  }

  /**
   * Commits what {@link BatchDelivery#commit} finds due among the open batches, and at least the
   * {@code atLeast} oldest (waiting for them). When an output or the commit failed, rewinds
   * instead.
   *
   * @return whether the open batches are still valid (false after a rewind)
   */
  private boolean commitOrRewind(int atLeast) {
    if (open.isEmpty()) {
      return true;
    }
    try {
      int committed = delivery.commit(open, atLeast);
      List<Batch> done = open.subList(0, committed);
      for (Batch batch : done) {
        metrics.delivered(batch.outcomes().join());
      }
      done.clear();
      return true;
    } catch (Exception e) {
      Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
      RuntimeException fatal = fatalCause(cause);
      if (fatal != null) {
        throw fatal;
      }
      if (open.stream().anyMatch(b -> b.outcomes().isCompletedExceptionally())) {
        throw new IllegalStateException("processing an event failed", cause);
      }
      rewind(cause);
      return false;
    }
  }

  /** Reads the open batches again from their first offsets, after a pause. */
  private void rewind(Throwable cause) {
    int records = open.stream().mapToInt(Batch::records).sum();
    LOG.warn(
        "writing {} records or committing their offsets failed, consuming them again: {}",
        records,
        cause.toString());
    Map<TopicPartition, Long> from = new HashMap<>();
    for (Batch batch : open) {
      batch.first().forEach((tp, offset) -> from.merge(tp, offset, Math::min));
    }
    abandonOpen();
    for (Map.Entry<TopicPartition, Long> e : from.entrySet()) {
      if (consumer.assignment().contains(e.getKey())) {
        consumer.seek(e.getKey(), e.getValue());
      }
    }
    try {
      Thread.sleep(RETRY_PAUSE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Waits until nothing of the open batches runs any more, then forgets them uncommitted. */
  private void abandonOpen() {
    for (Batch batch : open) {
      CompletableFuture.allOf(batch.outcomes(), batch.sent(), batch.acked())
          .handle((v, error) -> null)
          .join();
    }
    open.clear();
    sentUpTo.clear();
    delivery.recover();
  }

  /**
   * The error in {@code e}'s cause chain that retrying cannot fix, or null when the batches may be
   * read again.
   */
  private static RuntimeException fatalCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ProducerFencedException
          || t instanceof FencedInstanceIdException
          || t instanceof AuthenticationException
          || t instanceof AuthorizationException) {
        return (RuntimeException) t;
      }
    }
    return null;
  }

  /** Whether the loop polled Kafka at least once and has not failed. */
  boolean isHealthy() {
    return polled && !failed;
  }

  /** Whether the loop ended on an error rather than on {@link #stop()}; it never restarts. */
  boolean hasFailed() {
    return failed;
  }

  /** Asks the loop to finish and commit its open batches and close the clients. */
  void stop() {
    running = false;
  }
}
