package dev.sluice.operator.modeldeployment.model;

import dev.sluice.api.stage.model.ModelServerConfig;
import dev.sluice.api.stage.model.ModelStageConfig;
import dev.sluice.api.stage.model.RegistryConfig;
import dev.sluice.api.stage.model.StreamConfig;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ModelRegistrySpec;
import dev.sluice.api.v1alpha1.ServingMode;
import dev.sluice.api.v1alpha1.StreamSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Renders a model server's {@code stage.yaml}: a {@link ModelStageConfig} with the {@code server}
 * block for one version (docs/models.md), built from the records the runtime reads and written as
 * YAML by {@link dev.sluice.operator.rollout.RouterConfigs#yaml}. It holds only what the server
 * reads — model, version, registry, stream — so a change of replicas, release or traffic settings
 * rolls nothing. Pure.
 */
public final class ServerConfigs {
  /** Key of the configuration in its ConfigMap. */
  public static final String FILE = "stage.yaml";

  /**
   * The directory the ConfigMap is mounted at. A directory, not a {@code subPath} file, because
   * only directory mounts see a ConfigMap change: the router reloads its weights from it.
   */
  public static final String DIRECTORY = "/etc/sluice/model";

  /** Where the configuration is read in a pod. */
  public static final String PATH = DIRECTORY + "/" + FILE;

  private ServerConfigs() {}

  /**
   * The configuration of one version's model servers.
   *
   * @param model the deployment
   * @param version the version they serve
   * @return {@code deployment} and the {@code server} block; {@code stream} in mode Stream
   */
  public static ModelStageConfig config(ModelServing model, String version) {
    ModelDeploymentSpec spec = model.spec();
    ModelRegistrySpec registry = spec.getRegistry();
    StreamSpec stream = spec.getMode() == ServingMode.Stream ? spec.getStream() : null;
    return new ModelStageConfig(
        model.name(),
        new ModelServerConfig(
            spec.getModel().getName(),
            version,
            new RegistryConfig(
                registry.getBucket(), registry.getEndpoint(), registry.getRegion(), null),
            null,
            null,
            null,
            stream == null
                ? null
                : new StreamConfig(
                    stream.getBootstrapServers(),
                    stream.getInputTopic(),
                    stream.getOutputTopic(),
                    null,
                    null,
                    null)),
        null,
        null);
  }

  /**
   * The hash put on the pod template: a change of the file rolls the pods.
   *
   * @param yaml the file's content
   * @return sha256 of it, hex
   */
  public static String hash(String yaml) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(yaml.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
