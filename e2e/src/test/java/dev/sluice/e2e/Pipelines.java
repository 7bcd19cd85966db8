package dev.sluice.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.DataPipeline;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The DataPipeline manifests the e2e tests apply, and waiting for a pipeline's conditions. */
final class Pipelines {

  /** How long provisioning a pipeline may take on the shared 2-core machine. */
  static final Duration PROVISION = Duration.ofMinutes(2);

  private Pipelines() {}

  /**
   * {@code src/test/resources/operator/pipeline.yaml}: the flights pipeline with {@code
   * provisioner: Admin}, no realtime loader.
   *
   * @param name the pipeline's name (its topics are {@code <name>.raw}, ...; buckets {@code
   *     <name>-raw}, {@code <name>-curated})
   * @param bootstrapServers the broker the operator makes the topics in
   * @param objectStoreEndpoint the MinIO the operator makes the buckets in
   * @param deletionPolicy {@code Retain} or {@code Delete}
   * @return the manifest as YAML
   */
  static String admin(
      String name, String bootstrapServers, String objectStoreEndpoint, String deletionPolicy) {
    String yaml;
    try (InputStream in = Pipelines.class.getResourceAsStream("/operator/pipeline.yaml")) {
      yaml = new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return yaml.replace("${name}", name)
        .replace("${bootstrapServers}", bootstrapServers)
        .replace("${objectStoreEndpoint}", objectStoreEndpoint)
        .replace("${deletionPolicy}", deletionPolicy);
  }

  /**
   * {@code samples/flights/pipeline.yaml} as a user applies it ({@code provisioner: Strimzi},
   * cluster {@code my-cluster}, both loaders), with two fields changed: {@code metadata.name}, and
   * {@code spec.objectStore.endpoint}, because the operator itself makes the buckets there and
   * {@code minio.minio} does not resolve outside a cluster. Every other address (Kafka, OpenSearch)
   * stays the sample's in-cluster name: the operator does not contact them with the Strimzi
   * provisioner.
   *
   * @return the manifest as YAML
   */
  @SuppressWarnings("unchecked")
  static String flightsSample(String name, String objectStoreEndpoint) {
    GenericKubernetesResource pipeline;
    try (InputStream in =
        Files.newInputStream(Repo.root().resolve("samples/flights/pipeline.yaml"))) {
      pipeline = Serialization.unmarshal(in, GenericKubernetesResource.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pipeline.getMetadata().setName(name);
    Map<String, Object> spec = (Map<String, Object>) pipeline.getAdditionalProperties().get("spec");
    ((Map<String, Object>) spec.get("objectStore")).put("endpoint", objectStoreEndpoint);
    return Serialization.asYaml(pipeline);
  }

  /** Waits until the pipeline is {@code Ready=True} for its current generation. */
  static void awaitReady(KubernetesClient client, String ns, String name) {
    await("DataPipeline " + name + " Ready=True")
        .atMost(PROVISION)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              DataPipeline dp = get(client, ns, name);
              assertThat(dp).as("DataPipeline %s", name).isNotNull();
              assertThat(dp.getStatus()).as("status of %s", name).isNotNull();
              assertThat(status(dp, "Ready")).as("Ready of %s", name).isEqualTo("True");
              assertThat(dp.getStatus().getObservedGeneration())
                  .isEqualTo(dp.getMetadata().getGeneration());
            });
  }

  /** The pipeline, or null. */
  static DataPipeline get(KubernetesClient client, String ns, String name) {
    return client.resources(DataPipeline.class).inNamespace(ns).withName(name).get();
  }

  /** The status ({@code True}/{@code False}) of one condition, or null when it is not there. */
  static String status(DataPipeline pipeline, String type) {
    return condition(pipeline, type).map(Condition::getStatus).orElse(null);
  }

  /** One condition of the pipeline's status. */
  static Optional<Condition> condition(DataPipeline pipeline, String type) {
    if (pipeline == null || pipeline.getStatus() == null) {
      return Optional.empty();
    }
    return pipeline.getStatus().condition(type);
  }
}
