package dev.sluice.runtime.loader;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer thread of a loader: subscribes, polls every 100 ms and hands records to its {@link
 * Handler}; offers the handler retries that wait by pausing and polling (so the consumer stays in
 * its group during an outage), per-partition pausing, and commits limited to the partitions still
 * assigned. {@link #close()} stops polling, lets the handler drain (one last write attempt, no
 * retries) and closes the consumer.
 */
public final class ConsumerLoop implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);
  private static final Duration POLL = Duration.ofMillis(100);

  /** What a loader does with its records; every method runs on the consumer thread. */
  public interface Handler {
    /** Before subscribing (e.g. put index templates); false when stopping meanwhile. */
    boolean prepare(Control control);

    /** Whether the handler can do its work (for readiness). */
    boolean ready();

    void accept(List<ConsumerRecord<byte[], byte[]>> records, Control control);

    /** After a poll returned nothing: a chance to flush by time. */
    void idle(Control control);

    /** On graceful stop: write what is buffered, once. */
    void drain(Control control);

    /**
     * Partitions about to be taken away by a rebalance: the last chance to write and commit their
     * buffered records (commits of them still succeed during this call).
     */
    default void revoked(Collection<TopicPartition> partitions, Control control) {}

    /**
     * Partitions already owned by another member (the group moved on without us): their buffered
     * records must not be written or committed by this member.
     */
    default void lost(Collection<TopicPartition> partitions) {}
  }

  /** Something that can fail and is retried. */
  @FunctionalInterface
  public interface Action {
    void run() throws Exception;
  }

  /** What the loop offers its handler. */
  public interface Control {
    /** Pauses every partition, polls for about {@code d}, resumes; false when stopping. */
    boolean await(Duration d);

    /** Runs {@code action} until it succeeds (true) or the loop stops (false), with backoff. */
    boolean retry(String what, Action action);

    /** Commits synchronously the offsets of partitions still assigned; a failure is logged. */
    void commit(Map<TopicPartition, OffsetAndMetadata> offsets);

    /** Stops fetching from a partition until {@link #resume}. */
    void pause(TopicPartition partition);

    void resume(TopicPartition partition);
  }

  private final String name;
  private final Consumer<byte[], byte[]> consumer;
  private final List<String> topics;
  private final Handler handler;
  private final Thread thread;
  private final Set<TopicPartition> held = new HashSet<>();
  private final List<ConsumerRecord<byte[], byte[]>> carried = new ArrayList<>();
  private final Control control = new LoopControl();
  private volatile boolean running = true;
  private volatile boolean alive;
  private volatile boolean failed;

  public ConsumerLoop(
      String name, Consumer<byte[], byte[]> consumer, List<String> topics, Handler handler) {
    this.name = name;
    this.consumer = consumer;
    this.topics = topics;
    this.handler = handler;
    this.thread = new Thread(this::run, name + "-consumer");
  }

  public void start() {
    alive = true;
    thread.start();
  }

  /** Whether the consumer thread is running. */
  public boolean isRunning() {
    return alive;
  }

  /**
   * Whether the consumer thread ended on an error rather than on {@link #close()}; it never
   * restarts, so the process must (it is no longer live).
   */
  public boolean hasFailed() {
    return failed;
  }

  public boolean handlerReady() {
    return handler.ready();
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(Duration.ofSeconds(90));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      if (!handler.prepare(control)) {
        return;
      }
      consumer.subscribe(topics, new Rebalance());
      while (running) {
        var records = consumer.poll(POLL);
        List<ConsumerRecord<byte[], byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        if (!batch.isEmpty()) {
          handler.accept(batch, control);
        } else {
          handler.idle(control);
        }
        while (!carried.isEmpty()) {
          List<ConsumerRecord<byte[], byte[]>> carry = new ArrayList<>(carried);
          carried.clear();
          handler.accept(carry, control);
        }
      }
      handler.drain(control);
    } catch (RuntimeException | Error e) {
      LOG.error("{} stopped on an unexpected error; nothing more is committed", name, e);
    } finally {
      failed = running;
      try {
        consumer.close(Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        LOG.warn("{}: consumer did not close cleanly: {}", name, e.toString());
      }
      alive = false;
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      handler.revoked(partitions, control);
      held.removeAll(partitions);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      held.removeAll(partitions);
      handler.lost(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {}
  }

  private final class LoopControl implements Control {
    @Override
    public boolean await(Duration d) {
      long deadline = System.nanoTime() + d.toNanos();
      Set<TopicPartition> paused = new HashSet<>(consumer.assignment());
      consumer.pause(paused);
      try {
        while (running && System.nanoTime() < deadline) {
          long leftMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
          // new partitions assigned meanwhile are not paused: keep their records for later
          consumer.poll(Duration.ofMillis(Math.min(leftMs, POLL.toMillis()))).forEach(carried::add);
        }
      } finally {
        Set<TopicPartition> resume = new HashSet<>(consumer.assignment());
        resume.removeAll(held);
        consumer.resume(resume);
      }
      return running;
    }

    @Override
    public boolean retry(String what, Action action) {
      Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30));
      while (true) {
        try {
          action.run();
          return true;
        } catch (Exception e) {
          Duration wait = backoff.next();
          LOG.warn(
              "{}: {} failed, retrying in {} ms: {}", name, what, wait.toMillis(), e.toString());
          if (!running || !await(wait)) {
            return false;
          }
        }
      }
    }

    @Override
    public void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
      Map<TopicPartition, OffsetAndMetadata> owned = new HashMap<>(offsets);
      owned.keySet().retainAll(consumer.assignment());
      if (owned.isEmpty()) {
        return;
      }
      try {
        consumer.commitSync(owned);
      } catch (CommitFailedException e) {
        LOG.warn("{}: commit refused after a rebalance; the records will be consumed again", name);
      } catch (KafkaException e) {
        LOG.warn("{}: commit failed ({}); a later commit covers these records", name, e.toString());
      }
    }

    @Override
    public void pause(TopicPartition partition) {
      held.add(partition);
      consumer.pause(List.of(partition));
    }

    @Override
    public void resume(TopicPartition partition) {
      held.remove(partition);
      if (consumer.assignment().contains(partition)) {
        consumer.resume(List.of(partition));
      }
    }
  }
}
