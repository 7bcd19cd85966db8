package dev.sluice.e2e;

import java.util.Map;
import java.util.Optional;

/**
 * The environment variables the e2e suite reads, in one place.
 *
 * @param kubeconfig {@code KUBECONFIG}: run against that cluster instead of starting one
 * @param down {@code SLUICE_E2E_DOWN=true}: stop the local control plane after the run (it is kept
 *     running by default, so the next run starts warm)
 * @param install {@code SLUICE_E2E_INSTALL=true}: build missing control-plane binaries (6-10
 *     minutes on 2 cores) instead of failing
 */
record E2EConfig(Optional<String> kubeconfig, boolean down, boolean install) {

  /** Reads the configuration from this JVM's environment. */
  static E2EConfig fromEnvironment() {
    return from(System.getenv());
  }

  /** Reads the configuration from the given environment. */
  static E2EConfig from(Map<String, String> env) {
    return new E2EConfig(
        Optional.ofNullable(env.get("KUBECONFIG")).filter(s -> !s.isBlank()),
        Boolean.parseBoolean(env.get("SLUICE_E2E_DOWN")),
        Boolean.parseBoolean(env.get("SLUICE_E2E_INSTALL")));
  }
}
