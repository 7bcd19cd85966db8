package dev.sluice.runtime.collector.publish;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether Kafka is reachable: an Admin {@code describeCluster} every {@code interval}, and a failed
 * write ({@link #markUnreachable()}) in between; reachable also means the producer holds the
 * metadata of every topic it writes, since it never waits for it ({@code max.block.ms=0}). While
 * unreachable the collector is not ready and answers 503 at once instead of letting requests wait
 * for a delivery timeout.
 */
public final class KafkaHealth implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaHealth.class);

  private final Admin admin;
  private final Duration interval;
  private final Producer<?, ?> producer;
  private final List<String> topics;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "collector-kafka-probe"));
  private volatile boolean reachable;

  /**
   * @param bootstrapServers Kafka {@code bootstrap.servers}
   * @param clientId {@code client.id} of the probing Admin client
   * @param interval time between probes; also each probe's timeout
   * @param producer the producer whose topic metadata must be known
   * @param topics the topics it writes
   */
  public KafkaHealth(
      String bootstrapServers,
      String clientId,
      Duration interval,
      Producer<?, ?> producer,
      List<String> topics) {
    int timeoutMs = (int) interval.toMillis();
    this.admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
    this.interval = interval;
    this.producer = producer;
    this.topics = List.copyOf(topics);
  }

  /**
   * Probes now, a few times while the producer fetches its topics' metadata, so readiness is right
   * from the start; then every interval.
   */
  public void start() {
    probe();
    for (int i = 0; i < 20 && !reachable; i++) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      probe();
    }
    timer.scheduleWithFixedDelay(
        this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Whether the last probe reached Kafka and no write failed since. */
  public boolean isReachable() {
    return reachable;
  }

  /** Called when a write was not acknowledged in time; the next good probe clears it. */
  public void markUnreachable() {
    if (reachable) {
      LOG.warn("a Kafka write failed; refusing events until Kafka answers again");
    }
    reachable = false;
  }

  private void probe() {
    boolean now;
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) interval.toMillis()))
          .nodes()
          .get(interval.toMillis() * 2, TimeUnit.MILLISECONDS);
      // Throws at once while a topic's metadata is unknown, and has the producer fetch it.
      topics.forEach(producer::partitionsFor);
      now = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      now = false;
    }
    if (now != reachable) {
      LOG.info("Kafka is {}", now ? "reachable" : "unreachable");
    }
    reachable = now;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(5));
  }
}
