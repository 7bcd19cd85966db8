package dev.sluice.operator;

import dev.sluice.operator.config.OperatorConfig;
import dev.sluice.operator.modeldeployment.ModelReleases;
import dev.sluice.operator.pipeline.buckets.BucketService;
import dev.sluice.operator.pipeline.buckets.InMemoryBucketService;
import dev.sluice.operator.pipeline.topics.InMemoryTopicService;
import dev.sluice.operator.pipeline.topics.TopicService;
import dev.sluice.operator.rollout.RolloutStrategies;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

/**
 * Runs the real operator (both controllers, real JOSDK) against the fabric8 mock API server in CRUD
 * mode, with in-memory fakes for Kafka and the object store. The mock server does no server-side
 * apply, so the operator runs with it off.
 */
public final class OperatorHarness implements AutoCloseable {
  /** Config of the operator under test: no leader election, no SSA, fast polling and retries. */
  public static final OperatorConfig CONFIG =
      new OperatorConfig(
          "ghcr.io/sluice-dev/sluice-runtime:0.1.0",
          Set.of(),
          false,
          null,
          0,
          false,
          Duration.ofMillis(500),
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          Duration.ofSeconds(2));

  /** The real release strategies, with no analysis (no test here has a router to ask). */
  public static final ModelReleases RELEASES =
      new ModelReleases(RolloutStrategies::forSpec, (deployment, routerUrls) -> null);

  public final InMemoryTopicService topics = new InMemoryTopicService();
  public final InMemoryBucketService buckets = new InMemoryBucketService();
  private final SluiceOperator operator;

  /**
   * Installs the Sluice CRDs into the mock server and starts the operator with the in-memory fakes.
   *
   * @param client a client of the mock server
   */
  public OperatorHarness(KubernetesClient client) {
    this(client, null, null, RELEASES, Clock.systemUTC());
  }

  /**
   * Installs the Sluice CRDs into the mock server and starts the operator.
   *
   * @param client a client of the mock server
   * @param realTopics the topic service to use instead of {@link #topics}, or null
   * @param realBuckets the bucket service to use instead of {@link #buckets}, or null
   */
  public OperatorHarness(
      KubernetesClient client, TopicService realTopics, BucketService realBuckets) {
    this(client, realTopics, realBuckets, RELEASES, Clock.systemUTC());
  }

  /**
   * Installs the Sluice CRDs into the mock server and starts the operator with the in-memory fakes
   * and the given release machinery.
   *
   * @param client a client of the mock server
   * @param releases the release strategies and analyzers of ModelDeployments
   * @param clock the operator's clock
   */
  public OperatorHarness(KubernetesClient client, ModelReleases releases, Clock clock) {
    this(client, null, null, releases, clock);
  }

  private OperatorHarness(
      KubernetesClient client,
      TopicService realTopics,
      BucketService realBuckets,
      ModelReleases releases,
      Clock clock) {
    installCrds(client);
    operator =
        new SluiceOperator(
            CONFIG,
            client,
            new SimpleMeterRegistry(),
            realTopics != null ? realTopics : topics,
            realBuckets != null ? realBuckets : buckets,
            clock,
            releases);
    operator.start();
  }

  /**
   * Installs the generated DataContract, DataPipeline and ModelDeployment CRDs (from the
   * sluice-crds jar).
   *
   * @param client a client of the mock server
   */
  public static void installCrds(KubernetesClient client) {
    for (String crd : new String[] {"datacontracts", "datapipelines", "modeldeployments"}) {
      try (InputStream in =
          OperatorHarness.class.getResourceAsStream(
              "/META-INF/fabric8/" + crd + ".sluice.dev-v1.yml")) {
        client
            .resource(
                client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class))
            .create();
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Installs Strimzi's KafkaTopic CRD (the part the operator relies on: names, version, status).
   *
   * @param client a client of the mock server
   */
  public static void installKafkaTopicCrd(KubernetesClient client) {
    client
        .resource(
            new CustomResourceDefinitionBuilder()
                .withNewMetadata()
                .withName(HasMetadata.getFullResourceName(KafkaTopic.class))
                .endMetadata()
                .withNewSpec()
                .withGroup(HasMetadata.getGroup(KafkaTopic.class))
                .withScope("Namespaced")
                .withNewNames()
                .withKind("KafkaTopic")
                .withPlural(HasMetadata.getPlural(KafkaTopic.class))
                .withSingular("kafkatopic")
                .endNames()
                .addNewVersion()
                .withName(HasMetadata.getVersion(KafkaTopic.class))
                .withServed(true)
                .withStorage(true)
                .withNewSubresources()
                .withNewStatus()
                .endStatus()
                .endSubresources()
                .endVersion()
                .endSpec()
                .build())
        .create();
  }

  @Override
  public void close() {
    operator.stop();
  }
}
