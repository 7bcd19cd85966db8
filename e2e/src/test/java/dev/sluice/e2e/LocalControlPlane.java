package dev.sluice.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The control plane of {@code e2e/cluster.sh}: etcd, kube-apiserver, controller-manager, scheduler
 * and KWOK nodes run as local processes from binaries cached by {@code tools/servers/install.sh}.
 */
final class LocalControlPlane {

  private static final List<String> BINARIES =
      List.of(
          "kube-apiserver", "kube-controller-manager", "kube-scheduler", "etcd", "kwok", "kwokctl");
  private static final Duration UP_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(30);

  private LocalControlPlane() {}

  /**
   * Starts the control plane, or reuses it when it is already up ({@code cluster.sh up} is
   * idempotent).
   *
   * @param install build missing binaries instead of failing
   * @return the kubeconfig of the cluster
   * @throws IllegalStateException when binaries are missing or the cluster does not start
   */
  static Path up(boolean install) {
    if (install) {
      expectSuccess(
          run(List.of(Repo.installScript().toString(), "kube", "etcd", "kwok"), INSTALL_TIMEOUT));
    }
    requireBinaries();
    CommandResult result = run(List.of(Repo.clusterScript().toString(), "up"), UP_TIMEOUT);
    expectSuccess(result);
    List<String> lines = result.stdout().strip().lines().toList();
    Path kubeconfig = Path.of(lines.getLast().strip());
    if (!Files.isRegularFile(kubeconfig)) {
      throw new IllegalStateException(
          "e2e/cluster.sh up printed no kubeconfig:\n" + result.describe());
    }
    return kubeconfig;
  }

  /** Stops and starts every control-plane process ({@code cluster.sh restart}). */
  static void restart() {
    expectSuccess(run(List.of(Repo.clusterScript().toString(), "restart"), UP_TIMEOUT));
  }

  /**
   * Makes it {@code nodes} fake nodes and waits until they are Ready ({@code cluster.sh scale}).
   */
  static void scale(int nodes) {
    expectSuccess(
        run(
            List.of(Repo.clusterScript().toString(), "scale", Integer.toString(nodes)),
            UP_TIMEOUT));
  }

  /** Stops the control plane and deletes its files ({@code cluster.sh down}). */
  static void down() {
    expectSuccess(run(List.of(Repo.clusterScript().toString(), "down"), UP_TIMEOUT));
  }

  private static void requireBinaries() {
    List<String> missing =
        BINARIES.stream()
            .filter(
                name ->
                    !run(
                            List.of(Repo.installScript().toString(), "path", name),
                            Duration.ofSeconds(30))
                        .succeeded())
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The e2e control plane binaries are not built (missing: "
              + String.join(", ", missing)
              + "). Build them once with `tools/servers/install.sh kube etcd kwok` (6-10 min on"
              + " 2 cores, cached in $SLUICE_CACHE/bin, default ~/.cache/sluice/bin), or set SLUICE_E2E_INSTALL=true to"
              + " build them from the test run, or set KUBECONFIG to run against another cluster.");
    }
  }

  private static CommandResult run(List<String> command, Duration timeout) {
    return Commands.run(command, Map.of(), null, timeout);
  }

  private static void expectSuccess(CommandResult result) {
    if (!result.succeeded()) {
      throw new IllegalStateException("e2e control plane command failed:\n" + result.describe());
    }
  }
}
