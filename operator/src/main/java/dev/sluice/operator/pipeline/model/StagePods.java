package dev.sluice.operator.pipeline.model;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.ConfigMapKeyReference;
import dev.sluice.api.v1alpha1.DataPipelineSpec;
import dev.sluice.api.v1alpha1.Enrichment;
import dev.sluice.api.v1alpha1.SecretReference;
import dev.sluice.operator.PodSecurity;
import dev.sluice.operator.contract.ContractSchemasConfigMap;
import dev.sluice.operator.contract.ContractStore;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
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
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pod template every stage runs in: the runtime image with {@code --stage}, its config and
 * contract mounts, secrets as environment variables, probes, resources and the restricted pod
 * security profile. Pure.
 */
public final class StagePods {
  /** Annotation on the pod template holding {@link StageConfigs#hash}. */
  public static final String CONFIG_HASH = "sluice.dev/config-hash";

  private StagePods() {}

  /**
   * The pod template of a stage.
   *
   * @param model the pipeline
   * @param stage one of its stages
   * @param restartPolicy {@code Always} for Deployments, {@code OnFailure} for the curation job
   * @return labels, the config-hash and Prometheus annotations, and the pod spec
   */
  public static PodTemplateSpec template(PipelineModel model, Stage stage, String restartPolicy) {
    Map<String, String> annotations = new LinkedHashMap<>();
    annotations.put(CONFIG_HASH, StageConfigs.hash(model, stage));
    if (stage.isDeployment()) {
      annotations.put("prometheus.io/scrape", "true");
      annotations.put("prometheus.io/port", String.valueOf(model.httpPort(stage)));
      annotations.put("prometheus.io/path", "/metrics");
    }
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .withLabels(model.labels(stage))
        .withAnnotations(annotations)
        .endMetadata()
        .withNewSpec()
        .withRestartPolicy(restartPolicy)
        .withAutomountServiceAccountToken(false)
        .withSecurityContext(PodSecurity.pod())
        .withContainers(container(model, stage))
        .withVolumes(volumes(model, stage))
        .endSpec()
        .build();
  }

  private static Container container(PipelineModel model, Stage stage) {
    List<String> args =
        new ArrayList<>(List.of("--stage", stage.id(), "--config", StageConfigs.PATH));
    if (stage == Stage.CURATION) {
      args.addAll(List.of("--window", model.spec().getCuration().getWindow().name()));
    }
    ContainerBuilder container =
        new ContainerBuilder()
            .withName(stage.id())
            .withImage(model.image())
            .withImagePullPolicy("IfNotPresent")
            .withArgs(args)
            .withEnv(env(model, stage))
            .withVolumeMounts(mounts(model, stage))
            .withResources(resources(model.spec()))
            .withSecurityContext(PodSecurity.container());
    if (stage.isDeployment()) {
      container
          .withPorts(ports(model, stage))
          .withLivenessProbe(probe("/health/live", 10, 3))
          .withReadinessProbe(probe("/health/ready", 5, 3));
    }
    return container.build();
  }

  private static List<ContainerPort> ports(PipelineModel model, Stage stage) {
    List<ContainerPort> ports = new ArrayList<>();
    ports.add(
        new ContainerPortBuilder()
            .withName("http")
            .withContainerPort(model.httpPort(stage))
            .withProtocol("TCP")
            .build());
    if (stage == Stage.COLLECTOR) {
      ports.add(
          new ContainerPortBuilder()
              .withName("grpc")
              .withContainerPort(model.grpcPort())
              .withProtocol("TCP")
              .build());
    }
    return ports;
  }

  private static Probe probe(String path, int periodSeconds, int failureThreshold) {
    return new ProbeBuilder()
        .withNewHttpGet()
        .withPath(path)
        .withNewPort("http")
        .endHttpGet()
        .withInitialDelaySeconds(5)
        .withPeriodSeconds(periodSeconds)
        .withTimeoutSeconds(2)
        .withFailureThreshold(failureThreshold)
        .build();
  }

  /** spec.resources, or requests of 100m CPU / 256Mi and a 512Mi memory limit. */
  static ResourceRequirements resources(DataPipelineSpec spec) {
    if (spec.getResources() != null) {
      return spec.getResources();
    }
    return new ResourceRequirementsBuilder()
        .addToRequests("cpu", new Quantity("100m"))
        .addToRequests("memory", new Quantity("256Mi"))
        .addToLimits("memory", new Quantity("512Mi"))
        .build();
  }

  private static List<EnvVar> env(PipelineModel model, Stage stage) {
    List<EnvVar> env = new ArrayList<>();
    env.add(
        new EnvVarBuilder()
            .withName("SLUICE_POD_NAME")
            .withNewValueFrom()
            .withNewFieldRef()
            // The API server defaults apiVersion; without it the server-side-apply matcher sees a
            // difference on every reconciliation and re-applies every Deployment.
            .withApiVersion("v1")
            .withFieldPath("metadata.name")
            .endFieldRef()
            .endValueFrom()
            .build());
    DataPipelineSpec spec = model.spec();
    if ((stage == Stage.BATCH_LOADER || stage == Stage.CURATION) && spec.getObjectStore() != null) {
      SecretReference secret = spec.getObjectStore().getCredentialsSecret();
      env.add(secretEnv("SLUICE_OBJECTSTORE_ACCESS_KEY", secret, "accessKey"));
      env.add(secretEnv("SLUICE_OBJECTSTORE_SECRET_KEY", secret, "secretKey"));
    }
    if (stage == Stage.REALTIME_LOADER
        && spec.getLoaders().getRealtime().getCredentialsSecret() != null) {
      SecretReference secret = spec.getLoaders().getRealtime().getCredentialsSecret();
      env.add(secretEnv("SLUICE_REALTIME_USERNAME", secret, "username"));
      env.add(secretEnv("SLUICE_REALTIME_PASSWORD", secret, "password"));
    }
    if (stage == Stage.COLLECTOR && authSecret(spec) != null) {
      env.add(
          new EnvVarBuilder()
              .withName("SLUICE_COLLECTOR_API_KEYS_FILE")
              .withValue(AUTH_DIR + "/apiKeys")
              .build());
    }
    return env;
  }

  private static final String AUTH_DIR = "/etc/sluice/auth";

  private static SecretReference authSecret(DataPipelineSpec spec) {
    return spec.getCollector() == null ? null : spec.getCollector().getAuthSecret();
  }

  private static EnvVar secretEnv(String name, SecretReference secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret.getName())
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  private static List<VolumeMount> mounts(PipelineModel model, Stage stage) {
    List<VolumeMount> mounts = new ArrayList<>();
    mounts.add(mount("config", StageConfigs.PATH, StageConfigs.FILE));
    mounts.add(mount("tmp", "/tmp", null));
    if (stage.usesContracts()) {
      for (String contract : model.contractNames()) {
        mounts.add(
            mount(
                "contract-" + contract, StageConfig.DEFAULT_CONTRACTS_DIR + "/" + contract, null));
      }
    }
    if (stage == Stage.ENRICHER) {
      for (String configMap : tables(model.spec()).keySet()) {
        mounts.add(
            mount("table-" + configMap, StageConfig.DEFAULT_TABLES_DIR + "/" + configMap, null));
      }
    }
    if (stage == Stage.COLLECTOR && authSecret(model.spec()) != null) {
      mounts.add(mount("auth", AUTH_DIR, null));
    }
    return mounts;
  }

  private static VolumeMount mount(String volume, String path, String subPath) {
    return new VolumeMountBuilder()
        .withName(volume)
        .withMountPath(path)
        .withSubPath(subPath)
        .withReadOnly("tmp".equals(volume) ? null : true)
        .build();
  }

  private static List<Volume> volumes(PipelineModel model, Stage stage) {
    List<Volume> volumes = new ArrayList<>();
    volumes.add(configMapVolume("config", model.resourceName(stage), Set.of(StageConfigs.FILE)));
    volumes.add(new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build());
    if (stage.usesContracts()) {
      for (String contract : model.contractNames()) {
        volumes.add(
            configMapVolume(
                "contract-" + contract,
                ContractSchemasConfigMap.name(contract),
                Set.of(ContractStore.BUNDLE_KEY)));
      }
    }
    if (stage == Stage.ENRICHER) {
      tables(model.spec())
          .forEach(
              (configMap, keys) ->
                  volumes.add(configMapVolume("table-" + configMap, configMap, keys)));
    }
    if (stage == Stage.COLLECTOR && authSecret(model.spec()) != null) {
      volumes.add(
          new VolumeBuilder()
              .withName("auth")
              .withNewSecret()
              .withSecretName(authSecret(model.spec()).getName())
              .withItems(new KeyToPath("apiKeys", null, "apiKeys"))
              .endSecret()
              .build());
    }
    return volumes;
  }

  private static Volume configMapVolume(String volume, String configMap, Set<String> keys) {
    return new VolumeBuilder()
        .withName(volume)
        .withNewConfigMap()
        .withName(configMap)
        .withItems(new TreeSet<>(keys).stream().map(k -> new KeyToPath(k, null, k)).toList())
        .endConfigMap()
        .build();
  }

  /** Lookup tables from ConfigMaps: ConfigMap name to the keys used, sorted. */
  private static Map<String, Set<String>> tables(DataPipelineSpec spec) {
    Map<String, Set<String>> tables = new TreeMap<>();
    if (spec.getEnricher() == null) {
      return tables;
    }
    for (Enrichment enrichment : spec.getEnricher().getEnrichments()) {
      if (enrichment.getLookup() != null
          && enrichment.getLookup().getTable() != null
          && enrichment.getLookup().getTable().getConfigMapKeyRef() != null) {
        ConfigMapKeyReference ref = enrichment.getLookup().getTable().getConfigMapKeyRef();
        tables.computeIfAbsent(ref.getName(), n -> new TreeSet<>()).add(ref.getKey());
      }
    }
    return tables;
  }
}
