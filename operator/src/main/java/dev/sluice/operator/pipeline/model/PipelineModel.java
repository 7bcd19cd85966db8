package dev.sluice.operator.pipeline.model;

import dev.sluice.api.v1alpha1.Autoscaling;
import dev.sluice.api.v1alpha1.ContractReference;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.DataPipelineSpec;
import dev.sluice.operator.Labels;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the desired state of a pipeline is a function of: the DataPipeline, the snapshots of
 * the contracts it references, and the operator's default runtime image. Holds the naming and
 * labelling rules; the builders in this package turn it into Kubernetes objects.
 *
 * @param pipeline the DataPipeline as reconciled
 * @param contracts snapshots of the referenced contracts, by name (missing ones absent)
 * @param defaultImage runtime image used when spec.image is unset
 */
public record PipelineModel(
    DataPipeline pipeline, Map<String, ContractSnapshot> contracts, String defaultImage) {

  /** metadata.name of the pipeline. */
  public String name() {
    return pipeline.getMetadata().getName();
  }

  /** metadata.namespace of the pipeline. */
  public String namespace() {
    return pipeline.getMetadata().getNamespace();
  }

  /** The pipeline's spec. */
  public DataPipelineSpec spec() {
    return pipeline.getSpec();
  }

  /** The stages the spec turns on, in pipeline order: collector, enricher, loaders, curation. */
  public List<Stage> stages() {
    List<Stage> stages = new ArrayList<>(List.of(Stage.COLLECTOR, Stage.ENRICHER));
    if (spec().getLoaders() != null && spec().getLoaders().getRealtime() != null) {
      stages.add(Stage.REALTIME_LOADER);
    }
    if (spec().getLoaders() != null && spec().getLoaders().getBatch() != null) {
      stages.add(Stage.BATCH_LOADER);
    }
    if (spec().getCuration() != null) {
      stages.add(Stage.CURATION);
    }
    return stages;
  }

  /** The stages that run as Deployments. */
  public List<Stage> deployedStages() {
    return stages().stream().filter(Stage::isDeployment).toList();
  }

  /**
   * The name of a stage's objects (ConfigMap, Deployment, Service, HPA, PDB, CronJob).
   *
   * @param stage a stage
   * @return {@code <pipeline>-<stage>}
   */
  public String resourceName(Stage stage) {
    return name() + "-" + stage.id();
  }

  /**
   * The metadata of a stage's objects (ConfigMap, Deployment, Service, HPA, PDB, CronJob).
   *
   * @param stage a stage
   * @return name {@link #resourceName}, the pipeline's namespace and {@link #labels}
   */
  public ObjectMeta metadata(Stage stage) {
    return new ObjectMetaBuilder()
        .withName(resourceName(stage))
        .withNamespace(namespace())
        .withLabels(labels(stage))
        .build();
  }

  /** Names of the referenced contracts, in spec order. */
  public List<String> contractNames() {
    return spec().getContracts().stream().map(ContractReference::getName).toList();
  }

  /**
   * Labels of a stage's objects and pods.
   *
   * @param stage a stage
   * @return the managed labels plus app.kubernetes.io name/instance/component and the sluice.dev
   *     pipeline and stage labels
   */
  public Map<String, String> labels(Stage stage) {
    Map<String, String> labels = Labels.managed();
    labels.put("app.kubernetes.io/name", "sluice-runtime");
    labels.put("app.kubernetes.io/instance", name());
    labels.put("app.kubernetes.io/component", stage.id());
    labels.putAll(selector(stage));
    return labels;
  }

  /**
   * The pod selector of a stage.
   *
   * @param stage a stage
   * @return {@code sluice.dev/pipeline} and {@code sluice.dev/stage}
   */
  public Map<String, String> selector(Stage stage) {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(Labels.PIPELINE, name());
    selector.put(Labels.STAGE, stage.id());
    return selector;
  }

  /** The runtime image: spec.image, else the operator's default. */
  public String image() {
    return Objects.requireNonNullElse(spec().getImage(), defaultImage);
  }

  /**
   * The autoscaling of a stage, if any (only the collector and the enricher have one).
   *
   * @param stage a stage
   * @return the autoscaling spec, or null
   */
  public Autoscaling autoscaling(Stage stage) {
    return switch (stage) {
      case COLLECTOR ->
          spec().getCollector() == null ? null : spec().getCollector().getAutoscaling();
      case ENRICHER -> spec().getEnricher() == null ? null : spec().getEnricher().getAutoscaling();
      default -> null;
    };
  }

  /**
   * The fixed replica count of a stage.
   *
   * @param stage a stage run as a Deployment
   * @return spec replicas (default 1), or null when an autoscaler owns the count
   */
  public Integer replicas(Stage stage) {
    if (autoscaling(stage) != null) {
      return null;
    }
    Integer replicas =
        switch (stage) {
          case COLLECTOR ->
              spec().getCollector() == null ? null : spec().getCollector().getReplicas();
          case ENRICHER -> spec().getEnricher() == null ? null : spec().getEnricher().getReplicas();
          case REALTIME_LOADER -> spec().getLoaders().getRealtime().getReplicas();
          case BATCH_LOADER -> spec().getLoaders().getBatch().getReplicas();
          case CURATION -> null;
        };
    return Objects.requireNonNullElse(replicas, 1);
  }

  /**
   * The fewest replicas a stage runs with: its fixed count or its autoscaler's minimum.
   *
   * @param stage a stage run as a Deployment
   * @return replicas, >= 0
   */
  public int minReplicas(Stage stage) {
    Autoscaling autoscaling = autoscaling(stage);
    if (autoscaling != null) {
      return Objects.requireNonNullElse(autoscaling.getMinReplicas(), 1);
    }
    return replicas(stage);
  }

  /** The collector's HTTP port (default 8080); every other stage serves HTTP on 8080. */
  public int httpPort(Stage stage) {
    if (stage == Stage.COLLECTOR && spec().getCollector() != null) {
      return Objects.requireNonNullElse(spec().getCollector().getHttpPort(), 8080);
    }
    return 8080;
  }

  /** The collector's gRPC port (default 9090). */
  public int grpcPort() {
    return spec().getCollector() == null
        ? 9090
        : Objects.requireNonNullElse(spec().getCollector().getGrpcPort(), 9090);
  }
}
