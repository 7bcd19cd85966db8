package dev.sluice.operator.rollout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.stage.model.ModelRouterConfig;
import dev.sluice.api.stage.model.ModelStageConfig;
import dev.sluice.api.v1alpha1.ShadowSpec;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.model.config.ModelStageConfigs;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterConfigsTest {
  private static final Map<String, String> URLS =
      Map.of("1", "http://fd-1.models.svc:8080", "2", "http://fd-2.models.svc:8080");

  @Test
  void aCanarySplitBecomesWeightsTheRouterReadsBack() {
    ModelStageConfig config =
        RouterConfigs.render("fd", "flight-delay", new TrafficSplit("1", "2", 25, 0), URLS, null);

    ModelRouterConfig router = config.router();
    assertThat(router.model()).isEqualTo("flight-delay");
    assertThat(router.stable().url()).isEqualTo("http://fd-1.models.svc:8080");
    assertThat(router.candidate().version()).isEqualTo("2");
    assertThat(router.candidateWeight()).isEqualTo(25);
    assertThat(router.shadow()).isNull();
    String yaml = RouterConfigs.yaml(config);
    assertThat(yaml).doesNotContain("null").contains("version: \"1\"");
    assertThat(ModelStageConfigs.parse(yaml, StageName.MODEL_ROUTER)).isEqualTo(config);
  }

  @Test
  void mirroringTakesItsShareFromTheSplitAndTheToleranceFromTheSpec() {
    ShadowSpec spec = new ShadowSpec();
    spec.setMirrorPercent(100); // the split decides; this is ignored
    spec.setTolerance(0.05);

    ModelStageConfig config =
        RouterConfigs.render("fd", "flight-delay", new TrafficSplit("1", "2", 0, 40), URLS, spec);

    assertThat(config.router().shadow().mirrorPercent()).isEqualTo(40);
    assertThat(config.router().shadow().tolerance()).isEqualTo(0.05);
    assertThat(config.router().candidateWeight()).isZero();
    assertThat(ModelStageConfigs.parse(RouterConfigs.yaml(config), StageName.MODEL_ROUTER))
        .isEqualTo(config);
  }

  @Test
  void allTrafficToOneVersionHasNoCandidate() {
    ModelStageConfig config =
        RouterConfigs.render("fd", "flight-delay", TrafficSplit.allTo("2"), URLS, null);

    assertThat(config.router().stable().version()).isEqualTo("2");
    assertThat(config.router().candidate()).isNull();
    assertThat(RouterConfigs.yaml(config)).doesNotContain("candidate:").doesNotContain("shadow");
  }

  @Test
  void refusesASplitItCannotRoute() {
    assertThatThrownBy(
            () -> RouterConfigs.render("fd", "flight-delay", TrafficSplit.allTo(null), URLS, null))
        .hasMessageContaining("traffic.stableVersion");
    assertThatThrownBy(
            () ->
                RouterConfigs.render(
                    "fd", "flight-delay", new TrafficSplit("1", "3", 10, 0), URLS, null))
        .hasMessageContaining("version 3");
    assertThatThrownBy(
            () ->
                RouterConfigs.render(
                    "fd", "flight-delay", new TrafficSplit("1", "2", 120, 0), URLS, null))
        .hasMessageContaining("router.candidateWeight is 120");
  }
}
