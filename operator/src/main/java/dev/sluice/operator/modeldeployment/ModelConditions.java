package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.BatchSpec;
import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.operator.rollout.RolloutState;
import dev.sluice.operator.status.Conditions;
import dev.sluice.operator.status.Reason;

/**
 * The two conditions of a ModelDeployment. {@code Ready}: clients are answered — the stable version
 * has a ready model server and, with provider Router, the router a ready pod; False with the reason
 * of what stops that. {@code Progressing}: a release is under way; False once it is complete,
 * rolled back, paused or degraded. Pure.
 */
final class ModelConditions {
  /** Condition type of a release under way. */
  static final String PROGRESSING = "Progressing";

  private ModelConditions() {}

  /**
   * Ready of a spec the operator cannot serve.
   *
   * @param problem the message naming the field
   */
  static Condition invalid(String problem) {
    return Conditions.of(Conditions.READY, false, Reason.InvalidSpec, problem);
  }

  /**
   * Progressing of a spec the operator cannot serve: no release moves until it is fixed.
   *
   * @param problem the message naming the field
   */
  static Condition stopped(String problem) {
    return Conditions.of(
        PROGRESSING, false, Reason.InvalidSpec, "no release moves until this is fixed: " + problem);
  }

  /** Ready of provider GatewayAPI on a cluster without the HTTPRoute CRD. */
  static Condition gatewayApiMissing() {
    return Conditions.of(
        Conditions.READY,
        false,
        Reason.GatewayApiNotInstalled,
        "spec.traffic.provider is GatewayAPI but the cluster has no HTTPRoute CRD"
            + " (httproutes.gateway.networking.k8s.io): install the Gateway API CRDs; checked"
            + " again every 30s");
  }

  /**
   * Ready when the API server refused or failed an object.
   *
   * @param errors the failures, joined
   */
  static Condition failed(String errors) {
    return Conditions.of(Conditions.READY, false, Reason.ServingProvisioningFailed, errors);
  }

  /**
   * Ready from what serves.
   *
   * @param state the release state after the decision
   * @param readyServers ready model servers of the stable version
   * @param routed whether a router is in front (provider Router)
   * @param readyRouters ready router pods
   */
  static Condition serving(RolloutState state, int readyServers, boolean routed, int readyRouters) {
    String stable = state.stableVersion();
    if (stable == null) {
      return Conditions.of(
          Conditions.READY,
          false,
          Reason.NotServing,
          state.candidateVersion() == null
              ? "no version serves yet"
              : "no version serves yet: version " + state.candidateVersion() + " is starting");
    }
    if (readyServers == 0) {
      return Conditions.of(
          Conditions.READY,
          false,
          Reason.NotServing,
          "the stable version " + stable + " has no ready model server");
    }
    if (routed && readyRouters == 0) {
      return Conditions.of(
          Conditions.READY, false, Reason.NotServing, "the model-router has no ready pod");
    }
    return Conditions.of(
        Conditions.READY,
        true,
        Reason.Serving,
        "version "
            + stable
            + " serves with "
            + readyServers
            + " ready model server(s)"
            + (routed ? " behind " + readyRouters + " router pod(s)" : ""));
  }

  /**
   * Ready of mode Batch: the CronJob is in place (each run's outcome is on its Job).
   *
   * @param state the state after the decision
   * @param batch spec.batch
   */
  static Condition scheduled(RolloutState state, BatchSpec batch) {
    return Conditions.of(
        Conditions.READY,
        true,
        Reason.BatchScheduled,
        "the batch job runs version "
            + state.stableVersion()
            + " on schedule '"
            + batch.getSchedule()
            + "' over "
            + batch.getInput());
  }

  /**
   * Progressing from the release state.
   *
   * @param state the release state after the decision (its phase is set by every decision)
   */
  static Condition progressing(RolloutState state) {
    if (state.phase() == null) {
      return Conditions.of(PROGRESSING, false, Reason.ReleaseComplete, "nothing deployed yet");
    }
    String candidate = state.candidateVersion();
    return switch (state.phase()) {
      case Progressing ->
          Conditions.of(
              PROGRESSING,
              true,
              Reason.ReleaseProgressing,
              "version "
                  + candidate
                  + ": "
                  + state.step()
                  + (state.stepIndex() == null ? "" : " " + (state.stepIndex() + 1))
                  + ", "
                  + weight(state)
                  + "% of traffic to it");
      case Paused ->
          Conditions.of(
              PROGRESSING,
              false,
              Reason.ReleasePaused,
              "release of version "
                  + candidate
                  + " paused at "
                  + state.step()
                  + ", "
                  + weight(state)
                  + "% of traffic to it");
      case Healthy ->
          Conditions.of(
              PROGRESSING,
              false,
              Reason.ReleaseComplete,
              "version " + state.stableVersion() + " answers all traffic");
      case RolledBack ->
          Conditions.of(
              PROGRESSING,
              false,
              Reason.ReleaseRolledBack,
              "version "
                  + state.rolledBackVersion()
                  + " was rolled back; version "
                  + state.stableVersion()
                  + " answers all traffic until spec.model.version names another version");
      case Degraded ->
          Conditions.of(
              PROGRESSING,
              false,
              Reason.ReleaseDegraded,
              "the stable version " + state.stableVersion() + " has no ready model server");
    };
  }

  private static int weight(RolloutState state) {
    return state.candidateWeight() == null ? 0 : state.candidateWeight();
  }
}
