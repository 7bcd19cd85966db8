package dev.sluice.runtime.local;

import java.io.PrintStream;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/**
 * A live one-line status of a local pipeline, rewritten every second: events in, valid, dead
 * letters, loaded, and the input rate in events/s.
 */
public final class StatusLine implements AutoCloseable {
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "status-line"));
  private final Admin admin;
  private final LocalPipeline pipeline;
  private final PrintStream out;
  private long lastIn = -1;
  private long lastNanos;

  /**
   * @param pipeline the running pipeline
   * @param out where to write (a terminal: the line is rewritten with a carriage return)
   */
  public StatusLine(LocalPipeline pipeline, PrintStream out) {
    this.pipeline = pipeline;
    this.out = out;
    this.admin = Admin.create(java.util.Map.of("bootstrap.servers", pipeline.bootstrapServers()));
  }

  /** Starts printing. */
  public StatusLine start() {
    timer.scheduleAtFixedRate(this::print, 1, 1, TimeUnit.SECONDS);
    return this;
  }

  private void print() {
    try {
      PipelineCounts c = PipelineCounts.read(admin, pipeline.name(), pipeline.topics());
      long in = c.raw() + c.rawDeadLetter();
      long now = System.nanoTime();
      double rate = lastIn < 0 ? 0 : (in - lastIn) / ((now - lastNanos) / 1e9);
      lastIn = in;
      lastNanos = now;
      out.printf(
          "\rin %,d | valid %,d | dead letters %,d | loaded %,d | %,.0f events/s   ",
          in,
          c.enriched(),
          c.rawDeadLetter() + c.enrichedDeadLetter() + c.loaderDeadLetter(),
          c.batchLoaded(),
          rate);
      out.flush();
    } catch (RuntimeException e) {
      out.print("\rstatus unavailable: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close();
    out.println();
  }
}
