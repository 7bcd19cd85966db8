package dev.sluice.operator.contract;

import dev.sluice.api.v1alpha1.Condition;
import dev.sluice.api.v1alpha1.ContractReference;
import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataContractStatus;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.operator.status.Conditions;
import dev.sluice.operator.status.EventRecorder;
import dev.sluice.operator.status.Reason;
import dev.sluice.operator.status.StatusPatch;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reconciles a DataContract: evaluates its schema against the versions accepted so far, stores an
 * accepted version in the {@code <contract>-schemas} ConfigMap, and reports the verdict, the served
 * version and the pipelines bound to it.
 */
@ControllerConfiguration(name = DataContractReconciler.NAME)
public class DataContractReconciler implements Reconciler<DataContract> {
  /** Controller name. */
  public static final String NAME = "datacontract";

  private final ContractEvaluator evaluator;
  private final ContractSchemasDependentResource schemas;
  private final EventRecorder events;
  private final Clock clock;

  /**
   * @param evaluator decides whether a spec is accepted
   * @param schemas the ConfigMap store of accepted versions
   * @param events where failures are reported as Kubernetes Events
   * @param clock time of acceptance and of condition transitions
   */
  public DataContractReconciler(
      ContractEvaluator evaluator,
      ContractSchemasDependentResource schemas,
      EventRecorder events,
      Clock clock) {
    this.evaluator = evaluator;
    this.schemas = schemas;
    this.events = events;
    this.clock = clock;
  }

  @Override
  public List<EventSource<?, DataContract>> prepareEventSources(
      EventSourceContext<DataContract> context) {
    var pipelines =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(DataPipeline.class, DataContract.class)
                .withName("pipelines")
                .withSecondaryToPrimaryMapper(DataContractReconciler::referencedContracts)
                .build(),
            context);
    return List.of(schemas.eventSource(context).orElseThrow(), pipelines);
  }

  @Override
  public UpdateControl<DataContract> reconcile(
      DataContract contract, Context<DataContract> context) {
    Instant now = clock.instant();
    Optional<ContractStore> stored =
        context
            .getSecondaryResource(ConfigMap.class)
            .flatMap(cm -> ContractStore.fromData(cm.getData()));
    ContractEvaluation evaluation =
        evaluator.evaluate(contract.getMetadata().getName(), contract.getSpec(), stored, now);
    if (evaluation.store().isPresent()) {
      context
          .managedWorkflowAndDependentResourceContext()
          .put(ContractSchemasDependentResource.STORE, evaluation.store().get());
      schemas.reconcile(contract, context);
    }
    List<String> bound =
        context.getSecondaryResources(DataPipeline.class).stream()
            .map(p -> p.getMetadata().getName())
            .sorted()
            .toList();
    DataContractStatus status = ContractStatusBuilder.build(contract, evaluation, bound, now);
    report(contract, status);
    return StatusPatch.ifChanged(contract, status, DataContract::new);
  }

  private void report(DataContract contract, DataContractStatus status) {
    Condition ready = status.condition(Conditions.READY).orElseThrow();
    Optional<Condition> before =
        Optional.ofNullable(contract.getStatus()).flatMap(s -> s.condition(Conditions.READY));
    boolean changed =
        before.isEmpty()
            || !before.get().getReason().equals(ready.getReason())
            || !before.get().getMessage().equals(ready.getMessage());
    if (!changed) {
      return;
    }
    Reason reason = Reason.valueOf(ready.getReason());
    if (Condition.TRUE.equals(ready.getStatus())) {
      events.normal(contract, reason, ready.getMessage());
    } else {
      events.warning(contract, reason, ready.getMessage());
    }
  }

  /** The contracts a pipeline references, as resource ids in its namespace. */
  static Set<ResourceID> referencedContracts(DataPipeline pipeline) {
    if (pipeline.getSpec() == null || pipeline.getSpec().getContracts() == null) {
      return Set.of();
    }
    return pipeline.getSpec().getContracts().stream()
        .map(ContractReference::getName)
        .map(name -> new ResourceID(name, pipeline.getMetadata().getNamespace()))
        .collect(Collectors.toSet());
  }
}
