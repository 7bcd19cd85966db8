package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ModelDeploymentStatus;
import dev.sluice.api.v1alpha1.ServingMode;
import dev.sluice.operator.Labels;
import dev.sluice.operator.modeldeployment.dependent.GatewayApiCondition;
import dev.sluice.operator.modeldeployment.dependent.ModelDependents;
import dev.sluice.operator.modeldeployment.dependent.ServingContext;
import dev.sluice.operator.modeldeployment.model.HttpRoutes;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import dev.sluice.operator.pipeline.topics.CrdPresence;
import dev.sluice.operator.rollout.ManualCommands;
import dev.sluice.operator.rollout.RolloutDecision;
import dev.sluice.operator.rollout.RolloutEvent;
import dev.sluice.operator.rollout.RolloutObservation;
import dev.sluice.operator.rollout.RolloutState;
import dev.sluice.operator.rollout.RolloutStrategy;
import dev.sluice.operator.rollout.WorkloadStatus;
import dev.sluice.operator.status.Conditions;
import dev.sluice.operator.status.EventRecorder;
import dev.sluice.operator.status.Reason;
import dev.sluice.operator.status.StatusPatch;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Workflow;
import io.javaoperatorsdk.operator.processing.dependent.workflow.WorkflowReconcileResult;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reconciles a ModelDeployment, one step of its release each time and never waiting: read the
 * release state from the status → ask the release strategy for the next state and serving plan →
 * make the cluster match the plan through the dependents (model servers, router, Services, HPAs,
 * HTTPRoute) → persist the new state and conditions → record the decision's events → remove the
 * manual commands it used. A state that waits (a pause, an analysis window, a scale-down delay,
 * pods starting) comes back through {@code rescheduleAfter} or a Deployment's status change.
 */
@ControllerConfiguration(
    name = ModelDeploymentReconciler.NAME,
    generationAwareEventProcessing = false)
public class ModelDeploymentReconciler implements Reconciler<ModelDeployment> {
  /** Controller name. */
  public static final String NAME = "modeldeployment";

  /** How often a deployment waiting for the Gateway API CRD is looked at again. */
  static final Duration GATEWAY_API_RECHECK = Duration.ofSeconds(30);

  private final Workflow<ModelDeployment> workflow;
  private final CrdPresence crds;
  private final Function<ModelDeploymentSpec, RolloutStrategy> strategies;
  private final AnalyzerFactory analyzers;
  private final RouterPods routerPods;
  private final EventRecorder events;
  private final Clock clock;
  private final String defaultImage;

  /**
   * @param dependents the dependent resources
   * @param crds tells whether the HTTPRoute CRD is installed
   * @param releases the state machines of the release strategies and the analyzers
   * @param client lists router pods for analysis provider Router
   * @param events where decisions and failures are reported as Kubernetes Events
   * @param clock the reconcile's clock
   * @param defaultImage runtime image when spec.image is unset
   */
  public ModelDeploymentReconciler(
      ModelDependents dependents,
      CrdPresence crds,
      ModelReleases releases,
      KubernetesClient client,
      EventRecorder events,
      Clock clock,
      String defaultImage) {
    this.workflow = dependents.workflow(crds);
    this.crds = crds;
    this.strategies = releases.strategies();
    this.analyzers = releases.analyzers();
    this.routerPods = new RouterPods(client);
    this.events = events;
    this.clock = clock;
    this.defaultImage = defaultImage;
  }

  @Override
  public List<EventSource<?, ModelDeployment>> prepareEventSources(
      EventSourceContext<ModelDeployment> context) {
    return EventSourceUtils.eventSourcesFromWorkflow(context, workflow);
  }

  @Override
  public UpdateControl<ModelDeployment> reconcile(
      ModelDeployment deployment, Context<ModelDeployment> context) {
    Instant now = clock.instant();
    RolloutState before = RolloutStates.read(deployment.getStatus());
    ManualCommands commands = ManualControl.commands(deployment);
    Set<Deployment> workloads = context.getSecondaryResources(Deployment.class);
    Map<String, WorkloadStatus> byVersion = Workloads.byVersion(workloads);
    RolloutDecision decision;
    try {
      decision = decide(deployment, before, commands, byVersion, now);
    } catch (IllegalArgumentException e) {
      // Nothing changes until the spec is fixed: what serves keeps serving.
      persist(
          deployment,
          context,
          status(
              deployment,
              before,
              ModelConditions.invalid(e.getMessage()),
              ModelConditions.stopped(e.getMessage()),
              now));
      return UpdateControl.noUpdate();
    }

    ModelServing model = new ModelServing(deployment, decision.plan(), defaultImage);
    ServingContext.put(context, model);
    WorkflowReconcileResult result = workflow.reconcile(deployment, context);
    boolean gatewayMissing =
        GatewayApiCondition.wanted(deployment) && !crds.installed(HttpRoutes.CRD);
    Condition ready;
    if (result.erroredDependentsExist()) {
      ready =
          ModelConditions.failed(
              result.getErroredDependents().values().stream()
                  .map(Exception::getMessage)
                  .collect(Collectors.joining("; ")));
    } else if (gatewayMissing) {
      ready = ModelConditions.gatewayApiMissing();
    } else if (!model.serves()) {
      ready = ModelConditions.scheduled(decision.state(), deployment.getSpec().getBatch());
    } else {
      ready =
          ModelConditions.serving(
              decision.state(),
              readyServers(model, decision.state(), byVersion),
              model.routed(),
              Workloads.readyRouters(workloads));
    }
    ModelDeployment persisted =
        persist(
            deployment,
            context,
            status(
                deployment,
                decision.state(),
                ready,
                ModelConditions.progressing(decision.state()),
                now));
    decision.events().forEach(e -> record(deployment, e));
    removeUsedCommands(persisted, context, commands, before, decision.state());
    result.throwAggregateExceptionIfErrorsPresent();

    UpdateControl<ModelDeployment> control = UpdateControl.noUpdate();
    Duration requeue =
        Stream.of(decision.requeueAfter(), gatewayMissing ? GATEWAY_API_RECHECK : null)
            .filter(Objects::nonNull)
            .min(Duration::compareTo)
            .orElse(null);
    return requeue == null ? control : control.rescheduleAfter(requeue);
  }

  /**
   * The release strategy's next step.
   *
   * @throws IllegalArgumentException naming the field when the spec cannot be served ({@link
   *     SpecCheck}, or refused by the strategy or the analysis)
   */
  private RolloutDecision decide(
      ModelDeployment deployment,
      RolloutState before,
      ManualCommands commands,
      Map<String, WorkloadStatus> byVersion,
      Instant now) {
    Optional<String> problem = SpecCheck.problem(deployment);
    if (problem.isPresent()) {
      throw new IllegalArgumentException(problem.get());
    }
    RolloutStrategy strategy =
        deployment.getSpec().getMode() == ServingMode.Batch
            ? new BatchSchedule()
            : strategies.apply(deployment.getSpec());
    return strategy.next(
        new RolloutObservation(
            deployment.getSpec(),
            before,
            byVersion,
            commands,
            analyzers.analyzer(deployment, () -> routerUrls(deployment)),
            now));
  }

  /**
   * Ready model servers of the stable version; the in-place Deployment serves whichever version its
   * pods run, so all of its ready pods count.
   */
  private static int readyServers(
      ModelServing model, RolloutState state, Map<String, WorkloadStatus> byVersion) {
    if (model.plan().inPlace()) {
      return byVersion.values().stream().mapToInt(WorkloadStatus::readyReplicas).sum();
    }
    return state.stableVersion() == null
        ? 0
        : byVersion.getOrDefault(state.stableVersion(), WorkloadStatus.ABSENT).readyReplicas();
  }

  private List<String> routerUrls(ModelDeployment deployment) {
    return routerPods.urls(
        deployment.getMetadata().getNamespace(),
        Map.of(
            Labels.MODEL_DEPLOYMENT,
            deployment.getMetadata().getName(),
            Labels.STAGE,
            ModelServing.MODEL_ROUTER));
  }

  private ModelDeploymentStatus status(
      ModelDeployment deployment,
      RolloutState state,
      Condition ready,
      Condition progressing,
      Instant now) {
    ModelDeploymentStatus status = new ModelDeploymentStatus();
    RolloutStates.write(state, status);
    status.setObservedGeneration(deployment.getMetadata().getGeneration());
    List<Condition> previous =
        deployment.getStatus() == null ? List.of() : deployment.getStatus().getConditions();
    status.setConditions(Conditions.stamp(List.of(ready, progressing), previous, now));
    return status;
  }

  /**
   * Writes the status when it changed (JSON Patch of the status subresource, cached so the next
   * reconcile reads it even before the informer does) and posts an event when Ready's reason
   * changes.
   *
   * @return the resource as written, or as it was when nothing changed
   */
  private ModelDeployment persist(
      ModelDeployment deployment, Context<ModelDeployment> context, ModelDeploymentStatus fresh) {
    if (StatusPatch.same(deployment.getStatus(), fresh)) {
      return deployment;
    }
    ModelDeployment written =
        PrimaryUpdateAndCacheUtils.patchStatusAndCacheResource(
            deployment,
            context,
            r -> {
              r.setStatus(fresh);
              return r;
            });
    reportReady(deployment, fresh);
    return written;
  }

  private void reportReady(ModelDeployment deployment, ModelDeploymentStatus fresh) {
    Condition ready = fresh.condition(Conditions.READY).orElseThrow();
    Optional<Condition> before =
        Optional.ofNullable(deployment.getStatus()).flatMap(s -> s.condition(Conditions.READY));
    if (before.isPresent()
        && before.get().getStatus().equals(ready.getStatus())
        && Objects.equals(before.get().getReason(), ready.getReason())) {
      return;
    }
    Reason reason = Reason.valueOf(ready.getReason());
    if (Condition.TRUE.equals(ready.getStatus())) {
      events.normal(deployment, reason, ready.getMessage());
    } else if (reason != Reason.NotServing) {
      events.warning(deployment, reason, ready.getMessage());
    }
  }

  private void record(ModelDeployment deployment, RolloutEvent event) {
    events.post(deployment, event.warning(), event.reason(), event.message());
  }

  private void removeUsedCommands(
      ModelDeployment deployment,
      Context<ModelDeployment> context,
      ManualCommands commands,
      RolloutState before,
      RolloutState after) {
    ManualControl.Outcome outcome =
        ManualControl.outcome(
            commands, deployment.getSpec().getModel().getVersion(), before, after);
    for (String ignored : outcome.ignored()) {
      events.post(
          deployment,
          false,
          ignored.equals(ManualControl.PROMOTE) ? "PromoteIgnored" : "AbortIgnored",
          ignored
              + " removed: no release is in progress"
              + (after.stableVersion() == null
                  ? ""
                  : " (version " + after.stableVersion() + " serves)"));
    }
    List<String> removed = outcome.removed();
    if (removed.isEmpty()) {
      return;
    }
    PrimaryUpdateAndCacheUtils.updateAndCacheResource(
        deployment,
        context,
        r -> r,
        r ->
            context
                .getClient()
                .resource(r)
                .edit(
                    edited -> {
                      if (edited.getMetadata().getAnnotations() != null) {
                        removed.forEach(edited.getMetadata().getAnnotations()::remove);
                      }
                      return edited;
                    }));
  }
}
