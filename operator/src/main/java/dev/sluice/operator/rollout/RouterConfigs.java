package dev.sluice.operator.rollout;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.sluice.api.stage.model.ModelRouterConfig;
import dev.sluice.api.stage.model.ModelStageConfig;
import dev.sluice.api.stage.model.ShadowConfig;
import dev.sluice.api.stage.model.VariantConfig;
import dev.sluice.api.v1alpha1.ShadowSpec;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.util.Map;

/**
 * Renders the model-router's configuration file from a decision's {@link TrafficSplit}: a {@link
 * ModelStageConfig} with a {@code router} block (format in docs/models.md), and its YAML text. The
 * router re-reads the file within a second of a change, so applying a split is rewriting the file
 * (in a cluster, the router's ConfigMap). Pure.
 */
public final class RouterConfigs {
  private static final ObjectMapper YAML =
      new ObjectMapper(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .build())
          .setSerializationInclusion(JsonInclude.Include.NON_NULL);

  private RouterConfigs() {}

  /**
   * The router configuration for a split.
   *
   * @param deployment the ModelDeployment's name ({@code deployment}, the metrics' pipeline tag)
   * @param model the model name clients use in {@code /v2/models/<model>/…}
   * @param split where requests go: {@code stableVersion} (required) answers every request not
   *     given to {@code candidateVersion}; {@code candidateWeight} percent go to the candidate;
   *     {@code mirrorPercent} > 0 mirrors that percent of stable requests to the candidate
   * @param urls base URL of each version's model servers, e.g. {@code "2" →
   *     http://flight-delay-2.ns.svc:8080}; must hold the split's stable and candidate versions
   * @param shadow the ModelDeployment's shadow settings, or null; only {@code tolerance} is read
   *     (the mirrored share comes from the split)
   * @return a configuration that passes {@link ModelStageConfig#validate} for the router
   * @throws IllegalArgumentException when the split has no stable version, a version has no URL, or
   *     the result is not a valid router configuration (the message names the field)
   */
  public static ModelStageConfig render(
      String deployment,
      String model,
      TrafficSplit split,
      Map<String, String> urls,
      ShadowSpec shadow) {
    if (split.stableVersion() == null) {
      throw new IllegalArgumentException(
          "traffic.stableVersion is null: the router needs a version to send requests to");
    }
    VariantConfig stable = variant(split.stableVersion(), urls);
    VariantConfig candidate =
        split.candidateVersion() == null ? null : variant(split.candidateVersion(), urls);
    ShadowConfig mirror =
        split.mirrorPercent() > 0
            ? new ShadowConfig(
                split.mirrorPercent(), null, null, shadow == null ? null : shadow.getTolerance())
            : null;
    ModelStageConfig config =
        new ModelStageConfig(
            deployment,
            null,
            new ModelRouterConfig(
                model, stable, candidate, split.candidateWeight(), mirror, null, null),
            null);
    config.validate(ModelStageConfig.Kind.ROUTER, "rendered for ModelDeployment " + deployment);
    return config;
  }

  /**
   * The YAML text of a model stage configuration, as the runtime reads it.
   *
   * @param config a configuration, e.g. from {@link #render}
   * @return YAML without null fields
   */
  public static String yaml(ModelStageConfig config) {
    try {
      return YAML.writeValueAsString(config);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("configuration records always serialise", e);
    }
  }

  private static VariantConfig variant(String version, Map<String, String> urls) {
    String url = urls.get(version);
    if (url == null) {
      throw new IllegalArgumentException(
          "urls has no entry for version " + version + " (has " + urls.keySet() + ")");
    }
    return new VariantConfig(version, url);
  }
}
