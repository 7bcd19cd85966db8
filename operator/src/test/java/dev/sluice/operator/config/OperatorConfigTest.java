package dev.sluice.operator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorConfigTest {
  @Test
  void defaults() {
    OperatorConfig config = OperatorConfig.fromEnv(Map.of());
    assertThat(config.runtimeImage()).isEqualTo("ghcr.io/sluice-dev/sluice-runtime:0.1.0");
    assertThat(config.watchesAllNamespaces()).isTrue();
    assertThat(config.leaderElection()).isTrue();
    assertThat(config.leaseNamespace()).isNull();
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.serverSideApply()).isTrue();
    assertThat(config.topicPollPeriod()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.retryMaxInterval()).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void readsTheEnvironment() {
    OperatorConfig config =
        OperatorConfig.fromEnv(
            Map.of(
                "SLUICE_RUNTIME_IMAGE", "registry.local/runtime:dev",
                "SLUICE_WATCH_NAMESPACES", " data, ml ,",
                "SLUICE_LEADER_ELECTION", "false",
                "POD_NAMESPACE", "sluice-system",
                "SLUICE_HTTP_PORT", "9000",
                "SLUICE_KAFKA_TIMEOUT_MS", "5000"));
    assertThat(config.runtimeImage()).isEqualTo("registry.local/runtime:dev");
    assertThat(config.watchNamespaces()).containsExactlyInAnyOrder("data", "ml");
    assertThat(config.leaderElection()).isFalse();
    assertThat(config.leaseNamespace()).isEqualTo("sluice-system");
    assertThat(config.httpPort()).isEqualTo(9000);
    assertThat(config.kafkaTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void badValuesNameTheVariable() {
    assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of("SLUICE_HTTP_PORT", "eighty")))
        .hasMessageContaining("SLUICE_HTTP_PORT");
    assertThatThrownBy(() -> OperatorConfig.fromEnv(Map.of("SLUICE_LEADER_ELECTION", "yes")))
        .hasMessageContaining("SLUICE_LEADER_ELECTION");
  }
}
