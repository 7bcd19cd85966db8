package dev.sluice.operator.modeldeployment.model;

import dev.sluice.operator.rollout.RouterConfigs;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Desired objects of the model-router (traffic provider Router): its ConfigMap, holding the split
 * rendered by {@link RouterConfigs}, and its Deployment. The router re-reads the file when the
 * ConfigMap changes, so a new weight is a ConfigMap write, never a restart. Pure.
 */
public final class ModelRouters {
  private ModelRouters() {}

  /**
   * The router's ConfigMap.
   *
   * @param model the deployment
   * @param current the router's ConfigMap as it exists, if it does
   * @return the split's configuration; while the split has no stable version (Recreate between
   *     scale-down and start) the current ConfigMap unchanged, or empty when there is none yet
   */
  public static Optional<ConfigMap> configMap(ModelServing model, Optional<ConfigMap> current) {
    TrafficSplit split = model.plan().traffic();
    if (split.stableVersion() == null) {
      return current.map(
          c ->
              new ConfigMapBuilder()
                  .withMetadata(model.metadata(model.routerName(), labels(model)))
                  .withData(c.getData())
                  .build());
    }
    Map<String, String> urls = new LinkedHashMap<>();
    urls.put(split.stableVersion(), model.versionUrl(split.stableVersion()));
    if (split.candidateVersion() != null) {
      urls.put(split.candidateVersion(), model.versionUrl(split.candidateVersion()));
    }
    String yaml =
        RouterConfigs.yaml(
            RouterConfigs.render(
                model.name(),
                model.spec().getModel().getName(),
                split,
                urls,
                model.spec().getRelease().getShadow()));
    return Optional.of(
        new ConfigMapBuilder()
            .withMetadata(model.metadata(model.routerName(), labels(model)))
            .withData(Map.of(ServerConfigs.FILE, yaml))
            .build());
  }

  /**
   * The router's Deployment.
   *
   * @param model the deployment
   * @return {@code <name>-router}: 2 replicas, or 1 when spec.replicas is at most 1
   */
  public static Deployment deployment(ModelServing model) {
    int replicas = Objects.requireNonNullElse(model.spec().getReplicas(), 1) > 1 ? 2 : 1;
    return new DeploymentBuilder()
        .withMetadata(model.metadata(model.routerName(), labels(model)))
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .withMatchLabels(model.selector(ModelServing.MODEL_ROUTER, null))
        .endSelector()
        .withTemplate(ModelPods.router(model))
        .endSpec()
        .build();
  }

  private static Map<String, String> labels(ModelServing model) {
    return model.labels(ModelServing.MODEL_ROUTER, null);
  }
}
