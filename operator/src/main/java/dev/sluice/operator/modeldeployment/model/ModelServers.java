package dev.sluice.operator.modeldeployment.model;

import dev.sluice.api.v1alpha1.RollingUpdateSpec;
import dev.sluice.operator.rollout.RouterConfigs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Desired model-server ConfigMaps and Deployments: one of each per version of the plan, or, for an
 * in-place plan (RollingUpdate), a single {@code <name>-server} pair whose pod template carries the
 * version and is rolled by Kubernetes with the spec's maxSurge/maxUnavailable. Pure.
 */
public final class ModelServers {
  private ModelServers() {}

  /**
   * The model servers' ConfigMaps.
   *
   * @param model the deployment
   * @return one ConfigMap per version, key {@code stage.yaml}
   */
  public static List<ConfigMap> configMaps(ModelServing model) {
    return model.versions().stream()
        .map(
            version ->
                new ConfigMapBuilder()
                    .withMetadata(model.metadata(model.serverName(version), labels(model, version)))
                    .withData(Map.of(ServerConfigs.FILE, yaml(model, version)))
                    .build())
        .toList();
  }

  /**
   * The model servers' Deployments.
   *
   * @param model the deployment
   * @return one Deployment per version; {@code replicas} unset when an HPA owns it
   */
  public static List<Deployment> deployments(ModelServing model) {
    return model.versions().stream().map(version -> deployment(model, version)).toList();
  }

  private static Deployment deployment(ModelServing model, String version) {
    int replicas = model.replicas(version);
    boolean autoscaled = model.spec().getAutoscaling() != null && replicas > 0;
    String name = model.serverName(version);
    DeploymentBuilder deployment =
        new DeploymentBuilder()
            .withMetadata(model.metadata(name, labels(model, version)))
            .withNewSpec()
            .withReplicas(autoscaled ? null : replicas)
            .withNewSelector()
            .withMatchLabels(
                model.selector(ModelServing.MODEL_SERVER, model.plan().inPlace() ? null : version))
            .endSelector()
            .withTemplate(
                ModelPods.server(model, version, name, ServerConfigs.hash(yaml(model, version))))
            .endSpec();
    if (model.plan().inPlace()) {
      deployment.editSpec().withStrategy(rollingUpdate(model)).endSpec();
    }
    return deployment.build();
  }

  /**
   * The Deployment's update strategy from spec.release.rollingUpdate (25% surge, 0 unavailable).
   */
  private static DeploymentStrategy rollingUpdate(ModelServing model) {
    RollingUpdateSpec spec =
        Objects.requireNonNullElseGet(
            model.spec().getRelease().getRollingUpdate(), RollingUpdateSpec::new);
    return new DeploymentStrategyBuilder()
        .withType("RollingUpdate")
        .withNewRollingUpdate()
        .withMaxSurge(Objects.requireNonNullElse(spec.getMaxSurge(), new IntOrString("25%")))
        .withMaxUnavailable(
            Objects.requireNonNullElse(spec.getMaxUnavailable(), new IntOrString(0)))
        .endRollingUpdate()
        .build();
  }

  /** Labels of a version's objects; the in-place Deployment's version is on its pods only. */
  private static Map<String, String> labels(ModelServing model, String version) {
    return model.labels(ModelServing.MODEL_SERVER, model.plan().inPlace() ? null : version);
  }

  private static String yaml(ModelServing model, String version) {
    return RouterConfigs.yaml(ServerConfigs.config(model, version));
  }
}
