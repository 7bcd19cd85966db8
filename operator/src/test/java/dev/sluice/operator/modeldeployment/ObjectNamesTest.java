package dev.sluice.operator.modeldeployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.operator.modeldeployment.model.ObjectNames;
import org.junit.jupiter.api.Test;

class ObjectNamesTest {
  @Test
  void aVersionThatIsALabelNamesItsObjectsAsIs() {
    assertThat(ObjectNames.forVersion("flight-delay", "2")).isEqualTo("flight-delay-2");
    assertThat(ObjectNames.forVersion("flight-delay", "v3-rc1")).isEqualTo("flight-delay-v3-rc1");
  }

  @Test
  void otherVersionsGetAStableHashedLabel() {
    String dotted = ObjectNames.forVersion("flight-delay", "V1.2_b");
    assertThat(dotted).matches("flight-delay-v1-2-b-[0-9a-f]{8}");
    assertThat(ObjectNames.forVersion("flight-delay", "V1.2_b")).isEqualTo(dotted);
    assertThat(ObjectNames.forVersion("flight-delay", "v1-2-b")).isNotEqualTo(dotted);
  }

  @Test
  void versionsNamedLikeTheDeploymentWideObjectsAreHashed() {
    assertThat(ObjectNames.forVersion("fd", "router"))
        .isNotEqualTo("fd-router")
        .startsWith("fd-router-");
    assertThat(ObjectNames.forVersion("fd", "preview")).isNotEqualTo("fd-preview");
  }

  @Test
  void longNamesFitADnsLabel() {
    String name = ObjectNames.forVersion("a".repeat(40), "b".repeat(63));
    assertThat(name).hasSizeLessThanOrEqualTo(63).matches("[a-z]([-a-z0-9]*[a-z0-9])?");
  }

  @Test
  void deploymentNamesMustLeaveRoomForTheirObjects() {
    assertThat(ObjectNames.validDeploymentName("flight-delay")).isTrue();
    assertThat(ObjectNames.validDeploymentName("a".repeat(41))).isFalse();
    assertThat(ObjectNames.validDeploymentName("1fd")).isFalse();
    assertThat(ObjectNames.validDeploymentName("fd.v1")).isFalse();
  }
}
