package dev.sluice.operator;

import dev.sluice.operator.analysis.RolloutAnalysis;
import dev.sluice.operator.config.OperatorConfig;
import dev.sluice.operator.contract.ContractEvaluator;
import dev.sluice.operator.contract.ContractSchemasDependentResource;
import dev.sluice.operator.contract.DataContractReconciler;
import dev.sluice.operator.modeldeployment.ModelDeploymentReconciler;
import dev.sluice.operator.modeldeployment.ModelReleases;
import dev.sluice.operator.modeldeployment.SpecOrControlChanged;
import dev.sluice.operator.modeldeployment.dependent.HttpRouteDependentResource;
import dev.sluice.operator.modeldeployment.dependent.ModelAutoscalersDependentResource;
import dev.sluice.operator.modeldeployment.dependent.ModelConfigMapsDependentResource;
import dev.sluice.operator.modeldeployment.dependent.ModelCronJobDependentResource;
import dev.sluice.operator.modeldeployment.dependent.ModelDependents;
import dev.sluice.operator.modeldeployment.dependent.ModelDeploymentsDependentResource;
import dev.sluice.operator.modeldeployment.dependent.ModelServicesDependentResource;
import dev.sluice.operator.pipeline.DataPipelineReconciler;
import dev.sluice.operator.pipeline.buckets.BucketService;
import dev.sluice.operator.pipeline.buckets.BucketsDependentResource;
import dev.sluice.operator.pipeline.buckets.MinioBucketService;
import dev.sluice.operator.pipeline.buckets.ObjectStoreAccessResolver;
import dev.sluice.operator.pipeline.dependent.CollectorServiceDependentResource;
import dev.sluice.operator.pipeline.dependent.CurationCronJobDependentResource;
import dev.sluice.operator.pipeline.dependent.PipelineDependents;
import dev.sluice.operator.pipeline.dependent.StageAutoscalersDependentResource;
import dev.sluice.operator.pipeline.dependent.StageConfigMapsDependentResource;
import dev.sluice.operator.pipeline.dependent.StageDeploymentsDependentResource;
import dev.sluice.operator.pipeline.dependent.StageDisruptionBudgetsDependentResource;
import dev.sluice.operator.pipeline.topics.AdminTopicsDependentResource;
import dev.sluice.operator.pipeline.topics.CrdPresence;
import dev.sluice.operator.pipeline.topics.KafkaAdminTopicService;
import dev.sluice.operator.pipeline.topics.StrimziTopicsDependentResource;
import dev.sluice.operator.pipeline.topics.TopicService;
import dev.sluice.operator.status.EventRecorder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator process and its one composition root: builds every service, dependent and reconciler
 * by constructor injection and registers the controllers with the watched namespaces.
 */
public final class SluiceOperator {
  private static final Logger LOG = LoggerFactory.getLogger(SluiceOperator.class);

  private final Operator operator;

  /**
   * Wires the operator; nothing runs until {@link #start()}.
   *
   * @param config the operator's configuration
   * @param client the Kubernetes client every controller uses
   * @param registry where JOSDK's metrics go
   * @param topics Kafka Admin API calls (provisioner Admin)
   * @param buckets object-store calls
   * @param clock time of status transitions and contract acceptance
   * @param releases the release strategies and analyzers of ModelDeployments
   */
  public SluiceOperator(
      OperatorConfig config,
      KubernetesClient client,
      MeterRegistry registry,
      TopicService topics,
      BucketService buckets,
      Clock clock,
      ModelReleases releases) {
    operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withMetrics(
                      MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(registry)
                          .build())
                  .withSSABasedCreateUpdateMatchForDependentResources(config.serverSideApply())
                  .withUseSSAToPatchPrimaryResource(config.serverSideApply());
              if (config.leaderElection()) {
                o.withLeaderElectionConfiguration(
                    new LeaderElectionConfiguration(
                        OperatorConfig.LEASE_NAME,
                        Objects.requireNonNullElse(
                            config.leaseNamespace(), client.getNamespace())));
              }
            });
    EventRecorder events = new EventRecorder(client, clock);
    CrdPresence crds = new CrdPresence(client, clock, Duration.ofSeconds(30));
    operator.register(
        new DataContractReconciler(
            new ContractEvaluator(), new ContractSchemasDependentResource(), events, clock),
        o -> configure(o, config));
    PipelineDependents dependents =
        new PipelineDependents(
            new StageConfigMapsDependentResource(),
            new StageDeploymentsDependentResource(),
            new CollectorServiceDependentResource(),
            new StageAutoscalersDependentResource(),
            new StageDisruptionBudgetsDependentResource(),
            new CurationCronJobDependentResource(),
            new StrimziTopicsDependentResource(),
            new AdminTopicsDependentResource(topics, config.topicPollPeriod()),
            new BucketsDependentResource(
                buckets, new ObjectStoreAccessResolver(client), config.bucketPollPeriod()));
    operator.register(
        new DataPipelineReconciler(dependents, crds, events, clock, config.runtimeImage()),
        o -> configure(o, config));
    operator.register(
        new ModelDeploymentReconciler(
            new ModelDependents(
                new ModelConfigMapsDependentResource(),
                new ModelDeploymentsDependentResource(),
                new ModelServicesDependentResource(),
                new ModelAutoscalersDependentResource(),
                new ModelCronJobDependentResource(),
                new HttpRouteDependentResource(client, Duration.ofSeconds(30))),
            crds,
            releases,
            client,
            events,
            clock,
            config.runtimeImage()),
        o -> {
          configure(o, config);
          o.withOnUpdateFilter(new SpecOrControlChanged());
        });
  }

  /**
   * Applies what every controller shares: its namespaces, and a retry that never gives up (a broker
   * or object store that is down for an hour must not leave a pipeline un-reconciled until its next
   * event), backing off exponentially from 1 s to {@link OperatorConfig#retryMaxInterval()}.
   */
  private static <R extends io.fabric8.kubernetes.api.model.HasMetadata> void configure(
      ControllerConfigurationOverrider<R> overrider, OperatorConfig config) {
    overrider.withRetry(
        new GenericRetry()
            .setInitialInterval(Duration.ofSeconds(1))
            .setIntervalMultiplier(2)
            .setMaxInterval(config.retryMaxInterval().toMillis())
            .withoutMaxAttempts());
    if (config.watchesAllNamespaces()) {
      overrider.watchingAllNamespaces();
    } else {
      overrider.settingNamespaces(config.watchNamespaces());
    }
  }

  /** Starts the informers and, once leader, reconciliation. */
  public void start() {
    operator.start();
  }

  /** Stops reconciliation and the informers. */
  public void stop() {
    operator.stop();
  }

  /** JOSDK's view of the running operator, for health endpoints. */
  public RuntimeInfo runtimeInfo() {
    return operator.getRuntimeInfo();
  }

  /**
   * Runs the operator until the JVM is stopped.
   *
   * @param args ignored; configuration comes from the environment (see {@link OperatorConfig})
   * @throws Exception when the HTTP port cannot be bound or the operator cannot start
   */
  public static void main(String[] args) throws Exception {
    OperatorConfig config = OperatorConfig.fromEnv(System.getenv());
    KubernetesClient client = new KubernetesClientBuilder().build();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    KafkaAdminTopicService topics = new KafkaAdminTopicService(config.kafkaTimeout().toMillis());
    // One for the operator's lifetime: it keeps the router snapshots analysis windows start from.
    RolloutAnalysis analysis = new RolloutAnalysis();
    SluiceOperator sluice =
        new SluiceOperator(
            config,
            client,
            registry,
            topics,
            new MinioBucketService(),
            Clock.systemUTC(),
            ModelReleases.of(analysis));
    HealthServer http = new HealthServer(config.httpPort(), sluice.runtimeInfo(), registry);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sluice.stop();
                  http.close();
                  topics.close();
                  client.close();
                },
                "sluice-shutdown"));
    LOG.info(
        "starting Sluice operator: namespaces={}, runtimeImage={}, http port {}",
        config.watchesAllNamespaces() ? "all" : config.watchNamespaces(),
        config.runtimeImage(),
        http.port());
    sluice.start();
  }
}
