package dev.sluice.runtime.kafka;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until new topics can take writes. An idempotent producer that writes to a partition the
 * broker has not yet opened can get one request refused (NOT_LEADER_OR_FOLLOWER) and the next one
 * accepted; the refused request then fails with OUT_OF_ORDER_SEQUENCE_NUMBER until it expires
 * (KAFKA-15591). Waiting until every partition's leader has opened it avoids that:
 * DescribeProducers is answered by the partition's replica manager, so it succeeds only once the
 * partition takes writes.
 */
public final class TopicLeaders {
  private TopicLeaders() {}

  /**
   * Blocks until every partition of {@code topics} has a leader that has opened it.
   *
   * @param admin a client of the cluster
   * @param topics topic names
   * @param timeout the longest wait
   * @throws IllegalStateException naming the topics when they have no leader in time
   * @throws InterruptedException when interrupted
   */
  public static void await(Admin admin, Collection<String> topics, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        Map<String, TopicDescription> described =
            admin.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS);
        boolean led =
            described.values().stream()
                .flatMap(d -> d.partitions().stream())
                .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        if (led && described.keySet().containsAll(topics)) {
          List<TopicPartition> partitions =
              described.values().stream()
                  .flatMap(
                      d ->
                          d.partitions().stream()
                              .map(p -> new TopicPartition(d.name(), p.partition())))
                  .toList();
          admin.describeProducers(partitions).all().get(5, TimeUnit.SECONDS);
          return;
        }
      } catch (ExecutionException | TimeoutException e) {
        // Not known to, or not opened by, the broker yet: ask again.
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topics " + topics + " have no leader after " + timeout);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }
}
