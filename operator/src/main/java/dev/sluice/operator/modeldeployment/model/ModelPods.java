package dev.sluice.operator.modeldeployment.model;

import dev.sluice.api.v1alpha1.SecretReference;
import dev.sluice.operator.PodSecurity;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pod template of a model server, a router or the batch job: the runtime image with {@code
 * --stage model-server|model-router|model-batch}, the mounted {@code stage.yaml}, resources and the
 * restricted security profile; the long-running ones also the Open Inference Protocol health probes
 * and Prometheus scrape annotations. Pure.
 */
public final class ModelPods {
  /** Annotation on the pod template holding the configuration's hash. */
  public static final String CONFIG_HASH = "sluice.dev/config-hash";

  private ModelPods() {}

  /**
   * A model server's pod template.
   *
   * @param model the deployment
   * @param version the version it serves
   * @param configMap the ConfigMap holding its {@code stage.yaml}
   * @param configHash {@link ServerConfigs#hash} of that file: a change rolls the servers
   * @return labels with the version, the config-hash annotation, and a pod reading the registry
   *     credentials from spec.registry.credentialsSecret
   */
  public static PodTemplateSpec server(
      ModelServing model, String version, String configMap, String configHash) {
    return template(
        model,
        ModelServing.MODEL_SERVER,
        model.labels(ModelServing.MODEL_SERVER, version),
        configMap,
        configHash,
        registryEnv(model),
        resources(model),
        false);
  }

  /**
   * The batch job's pod template (mode Batch): a run to completion, restarted on failure, with no
   * port or probe.
   *
   * @param model the deployment
   * @return a pod running {@code --stage model-batch} on the registry credentials
   */
  public static PodTemplateSpec batch(ModelServing model) {
    return template(
        model,
        ModelServing.MODEL_BATCH,
        model.labels(ModelServing.MODEL_BATCH, null),
        model.batchName(),
        null,
        registryEnv(model),
        resources(model),
        true);
  }

  /**
   * The router's pod template. It carries no config hash: the router re-reads its mounted file when
   * the ConfigMap changes, so new weights or variants never restart it.
   *
   * @param model the deployment
   * @return a pod running {@code --stage model-router}
   */
  public static PodTemplateSpec router(ModelServing model) {
    return template(
        model,
        ModelServing.MODEL_ROUTER,
        model.labels(ModelServing.MODEL_ROUTER, null),
        model.routerName(),
        null,
        List.of(podName()),
        new ResourceRequirementsBuilder()
            .addToRequests("cpu", new Quantity("100m"))
            .addToRequests("memory", new Quantity("128Mi"))
            .addToLimits("memory", new Quantity("256Mi"))
            .build(),
        false);
  }

  private static PodTemplateSpec template(
      ModelServing model,
      String stage,
      Map<String, String> labels,
      String configMap,
      String configHash,
      List<EnvVar> env,
      ResourceRequirements resources,
      boolean job) {
    Map<String, String> annotations = new LinkedHashMap<>();
    if (configHash != null) {
      annotations.put(CONFIG_HASH, configHash);
    }
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(stage)
            .withImage(model.image())
            .withImagePullPolicy("IfNotPresent")
            .withArgs("--stage", stage, "--config", ServerConfigs.PATH)
            .withEnv(env)
            .withVolumeMounts(
                new VolumeMountBuilder()
                    .withName("config")
                    .withMountPath(ServerConfigs.DIRECTORY)
                    .withReadOnly(true)
                    .build(),
                new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build())
            .withResources(resources)
            .withSecurityContext(PodSecurity.container());
    if (!job) {
      annotations.put("prometheus.io/scrape", "true");
      annotations.put("prometheus.io/port", String.valueOf(ModelServing.HTTP_PORT));
      annotations.put("prometheus.io/path", "/metrics");
      container
          .addNewPort()
          .withName("http")
          .withContainerPort(ModelServing.HTTP_PORT)
          .withProtocol("TCP")
          .endPort()
          .withLivenessProbe(probe("/v2/health/live", 10))
          .withReadinessProbe(probe("/v2/health/ready", 5));
    }
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(labels)
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy(job ? "OnFailure" : "Always")
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(PodSecurity.pod())
        .withContainers(container.build())
        .withVolumes(
            new VolumeBuilder()
                .withName("config")
                .withNewConfigMap()
                .withName(configMap)
                .withItems(new KeyToPath(ServerConfigs.FILE, null, ServerConfigs.FILE))
                .endConfigMap()
                .build(),
            new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build())
        .endSpec()
        .build();
  }

  private static Probe probe(String path, int periodSeconds) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withNewPort("http")
        .endHttpGet()
        .withInitialDelaySeconds(5)
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(3)
        .build();
  }

  /** spec.resources, or requests of 250m CPU / 512Mi and a 1Gi memory limit (ONNX Runtime). */
  private static ResourceRequirements resources(ModelServing model) {
    if (model.spec().getResources() != null) {
      return model.spec().getResources();
    }
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("250m"))
        .addToRequests("memory", new Quantity("512Mi"))
        .addToLimits("memory", new Quantity("1Gi"))
        .build();
  }

  /** SLUICE_POD_NAME and the registry's S3 credentials from spec.registry.credentialsSecret. */
  private static List<EnvVar> registryEnv(ModelServing model) {
    List<EnvVar> env = new ArrayList<>(List.of(podName()));
    SecretReference secret = model.spec().getRegistry().getCredentialsSecret();
    env.add(secretEnv("SLUICE_OBJECTSTORE_ACCESS_KEY", secret.getName(), "accessKey"));
    env.add(secretEnv("SLUICE_OBJECTSTORE_SECRET_KEY", secret.getName(), "secretKey"));
    return env;
  }

  private static EnvVar podName() {
    return new EnvVarBuilder()
        .withName("SLUICE_POD_NAME")
        .withNewValueFrom()
        .withNewFieldRef()
        .withFieldPath("metadata.name")
        .endFieldRef()
        .endValueFrom()
        .build();
  }

  private static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }
}
