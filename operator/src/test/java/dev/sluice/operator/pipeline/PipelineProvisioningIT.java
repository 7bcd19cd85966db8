package dev.sluice.operator.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.DeletionPolicy;
import dev.sluice.operator.OperatorHarness;
import dev.sluice.operator.contract.Contracts;
import dev.sluice.operator.pipeline.buckets.MinioBucketService;
import dev.sluice.operator.pipeline.buckets.ObjectStoreAccess;
import dev.sluice.operator.pipeline.topics.KafkaAdminTopicService;
import dev.sluice.runtime.local.LocalKafkaBroker;
import dev.sluice.runtime.testing.LocalMinio;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator (on the mock API server) provisioning a pipeline's topics on a real Kafka broker and
 * its buckets on a real MinIO, then removing them under deletionPolicy Delete.
 */
@EnableKubernetesMockClient(crud = true)
class PipelineProvisioningIT {
  static final List<String> TOPICS =
      List.of(
          "flights.raw",
          "flights.raw.dlq",
          "flights.enriched",
          "flights.enriched.dlq",
          "flights.loader.dlq");
  static LocalKafkaBroker broker;
  static LocalMinio minio;

  KubernetesClient client;

  @BeforeAll
  static void startServers() throws Exception {
    broker = LocalKafkaBroker.inTempDir().start();
    minio = LocalMinio.inTempDir().start();
  }

  @AfterAll
  static void stopServers() throws Exception {
    if (broker != null) {
      broker.close();
    }
    if (minio != null) {
      minio.close();
    }
  }

  @Test
  void provisionsTopicsAndBucketsThenDeletesThem() {
    KafkaAdminTopicService topics = new KafkaAdminTopicService(10_000);
    MinioBucketService buckets = new MinioBucketService();
    ObjectStoreAccess access =
        new ObjectStoreAccess(
            minio.endpoint(), "us-east-1", LocalMinio.ACCESS_KEY, LocalMinio.SECRET_KEY);
    try (OperatorHarness harness = new OperatorHarness(client, topics, buckets)) {
      client
          .resource(
              new SecretBuilder()
                  .withNewMetadata()
                  .withName("minio-credentials")
                  .withNamespace("data")
                  .endMetadata()
                  .withStringData(
                      Map.of(
                          "accessKey", LocalMinio.ACCESS_KEY,
                          "secretKey", LocalMinio.SECRET_KEY))
                  .build())
          .create();
      client.resource(Contracts.contract("flight-departed", 1, Contracts.V1)).create();
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                DataContract c =
                    client
                        .resources(DataContract.class)
                        .inNamespace("data")
                        .withName("flight-departed")
                        .get();
                return c.getStatus() != null && c.getStatus().getAcceptedVersion() != null;
              });
      DataPipeline pipeline = DataPipelineReconcilerTest.adminPipeline();
      pipeline.getSpec().getKafka().setBootstrapServers(broker.bootstrapServers());
      pipeline.getSpec().getObjectStore().setEndpoint(minio.endpoint());
      pipeline.getSpec().setDeletionPolicy(DeletionPolicy.Delete);
      client.resource(pipeline).create();

      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                DataPipeline p = get();
                assertThat(p.getStatus()).isNotNull();
                assertThat(p.getStatus().condition("TopicsReady").map(Condition::getStatus))
                    .contains(Condition.TRUE);
                assertThat(p.getStatus().condition("BucketsReady").map(Condition::getStatus))
                    .contains(Condition.TRUE);
              });
      assertThat(topics.describe(broker.bootstrapServers(), TOPICS)).containsOnlyKeys(TOPICS);
      assertThat(topics.describe(broker.bootstrapServers(), TOPICS).get("flights.raw").partitions())
          .isEqualTo(3);
      assertThat(buckets.existing(access, List.of("flights-raw", "flights-curated")))
          .containsExactlyInAnyOrder("flights-raw", "flights-curated");

      client.resource(get()).delete();

      await().atMost(Duration.ofSeconds(60)).until(() -> get() == null);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> topics.describe(broker.bootstrapServers(), TOPICS).isEmpty());
      assertThat(buckets.existing(access, List.of("flights-raw", "flights-curated"))).isEmpty();
    } finally {
      topics.close();
    }
  }

  private DataPipeline get() {
    return client.resources(DataPipeline.class).inNamespace("data").withName("flights").get();
  }
}
