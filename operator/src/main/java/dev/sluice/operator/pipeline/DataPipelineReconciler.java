package dev.sluice.operator.pipeline;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.ContractReference;
import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.DataPipelineStatus;
import dev.sluice.api.v1alpha1.DeletionPolicy;
import dev.sluice.api.v1alpha1.TopicProvisioner;
import dev.sluice.operator.pipeline.buckets.BucketPlan;
import dev.sluice.operator.pipeline.buckets.BucketSet;
import dev.sluice.operator.pipeline.dependent.PipelineContext;
import dev.sluice.operator.pipeline.dependent.PipelineDependents;
import dev.sluice.operator.pipeline.model.ContractSnapshot;
import dev.sluice.operator.pipeline.model.PipelineModel;
import dev.sluice.operator.pipeline.status.PipelineConditions;
import dev.sluice.operator.pipeline.status.PipelineStatusBuilder;
import dev.sluice.operator.pipeline.topics.CrdPresence;
import dev.sluice.operator.pipeline.topics.ProvisionerCondition;
import dev.sluice.operator.pipeline.topics.TopicPlan;
import dev.sluice.operator.pipeline.topics.TopicSet;
import dev.sluice.operator.status.Conditions;
import dev.sluice.operator.status.EventRecorder;
import dev.sluice.operator.status.Reason;
import dev.sluice.operator.status.StatusPatch;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Workflow;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles a DataPipeline: binds its contracts, runs the workflow of its dependents (topics,
 * buckets, stage ConfigMaps, Deployments, Service, HPAs, PDBs, CronJob) and reports what it sees.
 * While a referenced contract is missing or unaccepted the workflow does not run, so a running
 * pipeline keeps its last good configuration.
 */
@ControllerConfiguration(name = DataPipelineReconciler.NAME)
public class DataPipelineReconciler implements Reconciler<DataPipeline>, Cleaner<DataPipeline> {
  /** Controller name. */
  public static final String NAME = "datapipeline";

  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(DataPipelineReconciler.class);

  /** How often a pipeline waiting for the Strimzi CRD is looked at again. */
  static final Duration STRIMZI_RECHECK = Duration.ofSeconds(30);

  private final PipelineDependents dependents;
  private final Workflow<DataPipeline> workflow;
  private final CrdPresence crds;
  private final EventRecorder events;
  private final Clock clock;
  private final String defaultImage;

  /**
   * @param dependents the dependent resources
   * @param crds tells whether the Strimzi KafkaTopic CRD is installed
   * @param events where failures are reported as Kubernetes Events
   * @param clock time of condition transitions
   * @param defaultImage runtime image for pipelines without spec.image
   */
  public DataPipelineReconciler(
      PipelineDependents dependents,
      CrdPresence crds,
      EventRecorder events,
      Clock clock,
      String defaultImage) {
    this.dependents = dependents;
    this.workflow = dependents.workflow(crds);
    this.crds = crds;
    this.events = events;
    this.clock = clock;
    this.defaultImage = defaultImage;
  }

  @Override
  public List<EventSource<?, DataPipeline>> prepareEventSources(
      EventSourceContext<DataPipeline> context) {
    List<EventSource<?, DataPipeline>> sources =
        new ArrayList<>(EventSourceUtils.eventSourcesFromWorkflow(context, workflow));
    sources.add(
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(DataContract.class, DataPipeline.class)
                .withName("contracts")
                .withSecondaryToPrimaryMapper(
                    (DataContract contract) ->
                        context
                            .getPrimaryCache()
                            .list(
                                contract.getMetadata().getNamespace(),
                                p -> references(p, contract.getMetadata().getName()))
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (DataPipeline p) ->
                        p.getSpec().getContracts().stream()
                            .map(c -> new ResourceID(c.getName(), p.getMetadata().getNamespace()))
                            .collect(Collectors.toSet()))
                .build(),
            context));
    return sources;
  }

  @Override
  @SuppressWarnings("rawtypes") // JOSDK's WorkflowResult keys errors by raw DependentResource
  public UpdateControl<DataPipeline> reconcile(
      DataPipeline pipeline, Context<DataPipeline> context) {
    PipelineModel model = model(pipeline, context);
    Condition contracts = PipelineConditions.contracts(model);
    Map<DependentResource, Exception> errors = Map.of();
    if (PipelineConditions.holds(contracts)) {
      PipelineContext.put(context, model);
      errors = workflow.reconcile(pipeline, context).getErroredDependents();
    }
    DataPipelineStatus status = status(model, contracts, context, errors, clock.instant());
    report(pipeline, status);
    if (!errors.isEmpty()) {
      Exception first = errors.values().iterator().next();
      throw new PipelineReconcileException(
          errors.values().stream().map(Exception::getMessage).collect(Collectors.joining("; ")),
          status,
          first);
    }
    UpdateControl<DataPipeline> control =
        StatusPatch.ifChanged(pipeline, status, DataPipeline::new);
    if (ProvisionerCondition.of(pipeline) == TopicProvisioner.Strimzi
        && !crds.installed(CrdPresence.KAFKA_TOPICS)) {
      control = control.rescheduleAfter(STRIMZI_RECHECK);
    }
    return control;
  }

  @Override
  public ErrorStatusUpdateControl<DataPipeline> updateErrorStatus(
      DataPipeline pipeline, Context<DataPipeline> context, Exception e) {
    // JOSDK's metrics wrap what reconcile threw; find our exception in the cause chain.
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof PipelineReconcileException failure) {
        UpdateControl<DataPipeline> patch =
            StatusPatch.ifChanged(pipeline, failure.status(), DataPipeline::new);
        if (patch.isPatchStatus()) {
          return ErrorStatusUpdateControl.patchStatus(patch.getResource().orElseThrow());
        }
        break;
      }
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  @Override
  public DeleteControl cleanup(DataPipeline pipeline, Context<DataPipeline> context) {
    if (pipeline.getSpec().getDeletionPolicy() == DeletionPolicy.Delete) {
      var result = workflow.cleanup(pipeline, context);
      if (result.erroredDependentsExist()) {
        result.throwAggregateExceptionIfErrorsPresent();
      }
      LOG.info(
          "deleted the topics and buckets of {} (deletionPolicy Delete)",
          pipeline.getMetadata().getName());
    }
    return DeleteControl.defaultDelete();
  }

  private PipelineModel model(DataPipeline pipeline, Context<DataPipeline> context) {
    Map<String, ContractSnapshot> contracts = new LinkedHashMap<>();
    context.getSecondaryResources(DataContract.class).stream()
        .filter(c -> references(pipeline, c.getMetadata().getName()))
        .forEach(c -> contracts.put(c.getMetadata().getName(), ContractSnapshot.of(c)));
    return new PipelineModel(pipeline, contracts, defaultImage);
  }

  @SuppressWarnings("rawtypes")
  private DataPipelineStatus status(
      PipelineModel model,
      Condition contracts,
      Context<DataPipeline> context,
      Map<DependentResource, Exception> errors,
      Instant now) {
    DataPipeline pipeline = model.pipeline();
    Optional<String> topicError =
        error(errors, d -> d == dependents.adminTopics() || d == dependents.strimziTopics());
    Optional<String> bucketError = error(errors, d -> d == dependents.buckets());
    Optional<String> stageError =
        error(
            errors,
            d ->
                d != dependents.adminTopics()
                    && d != dependents.strimziTopics()
                    && d != dependents.buckets());
    Condition topics =
        ProvisionerCondition.of(pipeline) == TopicProvisioner.Strimzi
            ? PipelineConditions.strimziTopics(
                crds.installed(CrdPresence.KAFKA_TOPICS),
                TopicPlan.of(pipeline),
                context.getSecondaryResources(io.strimzi.api.kafka.model.topic.KafkaTopic.class),
                topicError)
            : PipelineConditions.adminTopics(
                TopicPlan.of(pipeline),
                context.getSecondaryResources(TopicSet.class).stream().findFirst(),
                topicError);
    Condition buckets =
        PipelineConditions.buckets(
            BucketPlan.of(pipeline.getSpec()),
            context.getSecondaryResources(BucketSet.class).stream().findFirst(),
            bucketError);
    return PipelineStatusBuilder.build(
        model,
        contracts,
        topics,
        buckets,
        context.getSecondaryResources(Deployment.class),
        stageError,
        now);
  }

  @SuppressWarnings("rawtypes")
  private static Optional<String> error(
      Map<DependentResource, Exception> errors,
      java.util.function.Predicate<DependentResource> which) {
    return errors.entrySet().stream()
        .filter(e -> which.test(e.getKey()))
        .map(e -> e.getValue().getMessage())
        .findFirst();
  }

  private void report(DataPipeline pipeline, DataPipelineStatus status) {
    Condition ready = status.condition(Conditions.READY).orElseThrow();
    Optional<Condition> before =
        Optional.ofNullable(pipeline.getStatus()).flatMap(s -> s.condition(Conditions.READY));
    if (before.isPresent()
        && before.get().getStatus().equals(ready.getStatus())
        && before.get().getReason().equals(ready.getReason())) {
      return;
    }
    Reason reason = Reason.valueOf(ready.getReason());
    if (PipelineConditions.holds(ready)) {
      events.normal(pipeline, reason, ready.getMessage());
    } else if (Set.of(
            Reason.ContractNotFound,
            Reason.ContractNotAccepted,
            Reason.StrimziNotInstalled,
            Reason.TopicProvisioningFailed,
            Reason.BucketProvisioningFailed,
            Reason.StageProvisioningFailed)
        .contains(reason)) {
      events.warning(pipeline, reason, ready.getMessage());
    }
  }

  private static boolean references(DataPipeline pipeline, String contract) {
    return pipeline.getSpec() != null
        && pipeline.getSpec().getContracts().stream()
            .map(ContractReference::getName)
            .anyMatch(contract::equals);
  }
}
