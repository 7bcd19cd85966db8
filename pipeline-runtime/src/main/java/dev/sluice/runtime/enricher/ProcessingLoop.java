package dev.sluice.runtime.enricher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consume-process-produce loop, on one thread: poll a batch, process its partitions in parallel
 * on {@code workers} (enrichment calls run concurrently), wait for all, deliver the outputs and
 * commit the batch's offsets once ({@link BatchDelivery}). When delivery fails the batch is
 * consumed again from its first offsets after a pause; a fenced or unauthorised client, or any
 * other error escaping a batch, ends the loop for good ({@link #hasFailed()}: the process is no
 * longer live and must be restarted).
 */
final class ProcessingLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessingLoop.class);
  private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
  private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

  private final Consumer<byte[], byte[]> consumer;
  private final EventProcessor processor;
  private final BatchDelivery delivery;
  private final EnricherMetrics metrics;
  private final ExecutorService workers;
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

  @Override
  public void run() {
    try {
      while (running) {
        ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL_TIMEOUT);
        polled = true;
        if (!records.isEmpty()) {
          handle(records);
        }
      }
    } catch (ProducerFencedException
        | FencedInstanceIdException
        | AuthenticationException
        | AuthorizationException e) {
      failed = true;
      LOG.error("enricher stopped: {}", e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException | Error e) {
      // Errors too: logged as JSON like the rest, and the process reports itself not live.
      failed = true;
      LOG.error("enricher loop failed", e);
    } finally {
      // Ending while still asked to run (an interrupt) is a failure too.
      failed |= running;
      delivery.close();
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private void handle(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
    metrics.consumed(records.count());
    // Partitions are processed in parallel, each in offset order, so the outputs of a partition
    // keep its order.
    List<CompletableFuture<List<CompletableFuture<EventOutcome>>>> perPartition = new ArrayList<>();
    for (TopicPartition tp : records.partitions()) {
      perPartition.add(
          CompletableFuture.supplyAsync(
              () -> records.records(tp).stream().map(processor::process).toList(), workers));
    }
    List<EventOutcome> outcomes = new ArrayList<>(records.count());
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>(records.count());
    for (CompletableFuture<List<CompletableFuture<EventOutcome>>> partition : perPartition) {
      for (CompletableFuture<EventOutcome> p : partition.join()) {
        EventOutcome outcome = p.join();
        outcomes.add(outcome);
        out.add(outcome.record());
      }
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> part = records.records(tp);
      offsets.put(tp, new OffsetAndMetadata(part.getLast().offset() + 1));
    }
    try {
      delivery.deliver(out, offsets);
      metrics.delivered(outcomes);
    } catch (Exception e) {
      RuntimeException fatal = fatalCause(e);
      if (fatal != null) {
        throw fatal;
      }
      LOG.warn(
          "delivering a batch of {} records failed, consuming it again: {}",
          out.size(),
          e.toString());
      delivery.recover();
      for (TopicPartition tp : records.partitions()) {
        if (consumer.assignment().contains(tp)) {
          consumer.seek(tp, records.records(tp).getFirst().offset());
        }
      }
      Thread.sleep(RETRY_PAUSE.toMillis());
    }
  }

  /**
   * The error in {@code e}'s cause chain that retrying cannot fix (a send future wraps it in an
   * ExecutionException), or null when the batch may be retried.
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

  /** Asks the loop to finish its current batch, commit and close the clients. */
  void stop() {
    running = false;
  }
}
