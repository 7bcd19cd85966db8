package dev.sluice.runtime.testing;

import dev.sluice.runtime.kafka.TopicLeaders;
import dev.sluice.runtime.local.LocalKafkaBroker;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * One real Kafka broker for every integration test of the test JVM, started on first use and
 * stopped when the JVM exits. Tests that stop or kill a broker start their own {@link
 * LocalKafkaBroker} instead.
 */
public final class SharedKafka {
  private static LocalKafkaBroker broker;

  /** The shared broker, started if it is not running yet. */
  public static synchronized LocalKafkaBroker broker() {
    if (broker == null) {
      broker = LocalKafkaBroker.inTempDir().start();
      Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "shared-kafka-stop"));
    }
    return broker;
  }

  /** {@code bootstrap.servers} of the shared broker. */
  public static String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /**
   * Creates topics with a unique prefix so tests never see each other's records.
   *
   * @param partitions partitions per topic
   * @param names topic names, each prefixed with the returned prefix
   * @return the prefix, e.g. {@code t3f9a1c-}
   */
  public static String createTopics(int partitions, String... names) {
    String prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers()))) {
      List<String> topics = java.util.Arrays.stream(names).map(n -> prefix + n).toList();
      admin
          .createTopics(topics.stream().map(t -> new NewTopic(t, partitions, (short) 1)).toList())
          .all()
          .get();
      TopicLeaders.await(admin, topics, java.time.Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics " + List.of(names), e.getCause());
    }
    return prefix;
  }

  private SharedKafka() {}
}
