package dev.sluice.operator.rollout;

import dev.sluice.api.v1alpha1.RolloutPhase;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules every strategy shares, in one place; a strategy adds only its release states ({@link
 * #start}, {@link #progress}, {@link #plan}). In order, each reconcile:
 *
 * <ol>
 *   <li>first deploy (no stable version yet): run the desired version directly; Healthy once it has
 *       {@code replicas} ready pods;
 *   <li>no release in progress: the desired version is stable → Healthy ({@code requeueAfter}
 *       null), or Degraded ({@link StableHealth}); the desired version is the one last rolled back
 *       → stay RolledBack; another version → start a release of it;
 *   <li>a release in progress: the spec names the stable version again → cancel (Healthy, not
 *       RolledBack); a third version → it replaces the candidate (a new release); {@code abort} →
 *       RolledBack; {@code pause} → Paused, nothing advances (on resume the step's clock restarts);
 *       {@code promote} → the strategy's promotion; otherwise the current state's handler.
 * </ol>
 */
abstract class ReleaseStateMachine implements RolloutStrategy {
  static final String FIRST_DEPLOY = "FirstDeploy";
  static final String STABLE = "Stable";
  static final String ROLLED_BACK = "RolledBack";

  @Override
  public final RolloutDecision next(RolloutObservation observation) {
    ReleaseContext ctx = new ReleaseContext(observation);
    RolloutState s = ctx.state();
    String desired = ctx.desired();
    if (s.stableVersion() == null) {
      return firstDeploy(ctx);
    }
    if (s.candidateVersion() == null) {
      if (desired.equals(s.stableVersion())) {
        return StableHealth.decide(ctx, steadyPlan(ctx, desired));
      }
      if (desired.equals(s.rolledBackVersion())) {
        return ctx.stay(rollbackPlan(ctx, s.stableVersion(), desired), null);
      }
      ctx.event(
          false,
          "ReleaseStarted",
          "release of version " + desired + " started, stable version " + s.stableVersion());
      return start(ctx);
    }
    if (desired.equals(s.stableVersion())) {
      return cancel(ctx);
    }
    if (!desired.equals(s.candidateVersion())) {
      return replaceCandidate(ctx);
    }
    if (ctx.commands().abort()) {
      return abort(ctx, "the sluice.dev/abort annotation");
    }
    if (ctx.commands().paused()) {
      return pause(ctx);
    }
    if (s.phase() == RolloutPhase.Paused) {
      ctx = resume(ctx);
    }
    if (ctx.commands().promote()) {
      return promote(ctx);
    }
    return progress(ctx);
  }

  /**
   * Starts a release of the desired version from the stable one; {@code ctx.state()} is the state
   * before (its candidate, if any, is being replaced). Build the first state with {@link
   * #releasing}.
   */
  abstract RolloutDecision start(ReleaseContext ctx);

  /** Runs the handler of the current release state ({@code ctx.state().step()}). */
  abstract RolloutDecision progress(ReleaseContext ctx);

  /** The serving plan of the current release state, unchanged (what a paused release keeps). */
  abstract ServingPlan plan(ReleaseContext ctx);

  /** Manual promotion; by default the strategy has none and the release goes on as it would. */
  RolloutDecision promote(ReleaseContext ctx) {
    return progress(ctx);
  }

  /** Whether the current state analyses from its {@code stepSince} (a new window on resume). */
  boolean analysesCurrentStep(ReleaseContext ctx) {
    return false;
  }

  /** Only {@code version} runs and answers everything. */
  ServingPlan steadyPlan(ReleaseContext ctx, String version) {
    return new ServingPlan(ctx.serving(version), false, TrafficSplit.allTo(version), null);
  }

  /** {@code stable} answers everything, {@code candidate}'s Deployment stays scaled to zero. */
  ServingPlan rollbackPlan(ReleaseContext ctx, String stable, String candidate) {
    Map<String, Integer> replicas = new LinkedHashMap<>(ctx.serving(stable));
    replicas.put(candidate, 0);
    return new ServingPlan(replicas, false, TrafficSplit.allTo(stable), null);
  }

  /** The first state of a release of the desired version, entering {@code step} now. */
  static RolloutState releasing(ReleaseContext ctx, String step, Integer stepIndex, int weight) {
    return new RolloutState(
        RolloutPhase.Progressing,
        ctx.stable(),
        ctx.desired(),
        null,
        step,
        stepIndex,
        weight,
        ctx.now(),
        null);
  }

  /** The release is over: the candidate is the stable version, alone. */
  RolloutDecision completed(ReleaseContext ctx, String reason, String message) {
    ctx.event(false, reason, message);
    return ctx.decide(
        ctx.settled(RolloutPhase.Healthy, ctx.candidate(), STABLE),
        steadyPlan(ctx, ctx.candidate()),
        null);
  }

  /**
   * Rolls back: all traffic to the stable version, the candidate scaled to zero, phase RolledBack
   * until the spec names another version.
   *
   * @param cause what asked for it, for the events (e.g. the failed analysis' message)
   */
  final RolloutDecision abort(ReleaseContext ctx, String cause) {
    String stable = ctx.stable();
    String candidate = ctx.candidate();
    ctx.event(true, "Aborted", "release of version " + candidate + " aborted by " + cause);
    ctx.event(
        true,
        "RolledBack",
        "all traffic back to version " + stable + "; version " + candidate + " scaled to 0");
    RolloutState rolledBack =
        new RolloutState(
            RolloutPhase.RolledBack,
            stable,
            null,
            candidate,
            ROLLED_BACK,
            null,
            0,
            ctx.now(),
            ctx.state().lastAnalysis());
    return ctx.decide(rolledBack, rollbackPlan(ctx, stable, candidate), null);
  }

  private RolloutDecision firstDeploy(ReleaseContext ctx) {
    String version = ctx.desired();
    ServingPlan plan = steadyPlan(ctx, version);
    if (ctx.ready(version)) {
      ctx.event(
          false,
          "Deployed",
          "version " + version + " serves with " + ctx.replicas() + " ready replica(s)");
      return ctx.decide(ctx.settled(RolloutPhase.Healthy, version, STABLE), plan, null);
    }
    RolloutState s = ctx.state();
    if (FIRST_DEPLOY.equals(s.step()) && version.equals(s.candidateVersion())) {
      return ctx.stay(plan, ReleaseContext.READINESS_POLL);
    }
    RolloutState waiting =
        new RolloutState(
            RolloutPhase.Progressing, null, version, null, FIRST_DEPLOY, null, 0, ctx.now(), null);
    return ctx.decide(waiting, plan, ReleaseContext.READINESS_POLL);
  }

  private RolloutDecision cancel(ReleaseContext ctx) {
    String stable = ctx.stable();
    ctx.event(
        false,
        "ReleaseCancelled",
        "the spec names version "
            + stable
            + " again: release of version "
            + ctx.candidate()
            + " cancelled, all traffic to "
            + stable);
    return ctx.decide(
        ctx.settled(RolloutPhase.Healthy, stable, STABLE), steadyPlan(ctx, stable), null);
  }

  private RolloutDecision replaceCandidate(ReleaseContext ctx) {
    RolloutState s = ctx.state();
    if (Promotion.SCALE_DOWN_PREVIOUS.equals(s.step())) {
      // The candidate was promoted and answers every request: it is the stable version the
      // next release starts from.
      ctx = ctx.with(ctx.settled(RolloutPhase.Healthy, s.candidateVersion(), STABLE));
      ctx.event(
          false,
          "ReleaseStarted",
          "release of version "
              + ctx.desired()
              + " started, stable version "
              + ctx.stable()
              + " (promoted; version "
              + s.stableVersion()
              + " removed)");
      return start(ctx);
    }
    ctx.event(
        false,
        "CandidateReplaced",
        "the spec names version "
            + ctx.desired()
            + ": it replaces candidate "
            + s.candidateVersion()
            + ", stable version "
            + s.stableVersion());
    return start(ctx);
  }

  private RolloutDecision pause(ReleaseContext ctx) {
    RolloutState s = ctx.state();
    RolloutState paused = s;
    if (s.phase() != RolloutPhase.Paused) {
      ctx.event(
          false,
          "Paused",
          "release of version " + s.candidateVersion() + " paused in step " + step(s));
      paused =
          new RolloutState(
              RolloutPhase.Paused,
              s.stableVersion(),
              s.candidateVersion(),
              s.rolledBackVersion(),
              s.step(),
              s.stepIndex(),
              s.candidateWeight(),
              s.stepSince(),
              s.lastAnalysis());
    }
    return ctx.decide(paused, plan(ctx), null);
  }

  private ReleaseContext resume(ReleaseContext ctx) {
    RolloutState s = ctx.state();
    ctx.event(
        false,
        "Resumed",
        "release of version " + s.candidateVersion() + " resumed in step " + step(s));
    ReleaseContext resumed =
        ctx.with(
            new RolloutState(
                RolloutPhase.Progressing,
                s.stableVersion(),
                s.candidateVersion(),
                s.rolledBackVersion(),
                s.step(),
                s.stepIndex(),
                s.candidateWeight(),
                ctx.now(),
                s.lastAnalysis()));
    if (analysesCurrentStep(resumed)) {
      resumed.startAnalysisWindow();
    }
    return resumed;
  }

  private static String step(RolloutState s) {
    return s.stepIndex() == null ? s.step() : s.step() + " " + (s.stepIndex() + 1);
  }
}
