package dev.sluice.operator.modeldeployment.model;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ServingMode;
import dev.sluice.api.v1alpha1.TrafficProvider;
import dev.sluice.operator.Labels;
import dev.sluice.operator.rollout.ServingPlan;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the Kubernetes objects of a ModelDeployment are a function of: the resource, the
 * serving plan its release strategy decided in this reconcile, and the operator's default runtime
 * image. Holds the naming and labelling rules; the builders in this package turn it into objects.
 *
 * @param deployment the ModelDeployment as reconciled
 * @param plan what should run and where traffic goes
 * @param defaultImage runtime image when spec.image is unset
 */
public record ModelServing(ModelDeployment deployment, ServingPlan plan, String defaultImage) {
  /** Stage label value of model-server pods. */
  public static final String MODEL_SERVER = "model-server";

  /** Stage label value of router pods. */
  public static final String MODEL_ROUTER = "model-router";

  /** Stage label value of the batch job's pods. */
  public static final String MODEL_BATCH = "model-batch";

  /** The port every model server and router serves HTTP on. */
  public static final int HTTP_PORT = 8080;

  /** metadata.name of the ModelDeployment. */
  public String name() {
    return deployment.getMetadata().getName();
  }

  /** metadata.namespace of the ModelDeployment. */
  public String namespace() {
    return deployment.getMetadata().getNamespace();
  }

  /** The ModelDeployment's spec. */
  public ModelDeploymentSpec spec() {
    return deployment.getSpec();
  }

  /** spec.traffic.provider, Router when unset. */
  public TrafficProvider trafficProvider() {
    return spec().getTraffic() == null || spec().getTraffic().getProvider() == null
        ? TrafficProvider.Router
        : spec().getTraffic().getProvider();
  }

  /** Whether the model is served by long-running servers (modes RequestResponse and Stream). */
  public boolean serves() {
    return spec().getMode() != ServingMode.Batch;
  }

  /** Whether a model-router runs in front of the servers (provider Router, not mode Batch). */
  public boolean routed() {
    return serves() && trafficProvider() == TrafficProvider.Router;
  }

  /** The batch job's CronJob and ConfigMap name, {@code <name>-batch}. */
  public String batchName() {
    return ObjectNames.of(name(), ObjectNames.BATCH);
  }

  /** The versions with model servers, sorted. */
  public List<String> versions() {
    return plan.replicas().keySet().stream().sorted().toList();
  }

  /**
   * Model-server replicas of a version: the plan's, with weights turned into pod counts under
   * provider Replicas ({@link ReplicaSplit}).
   *
   * @param version one of {@link #versions()}
   * @return replicas, at least 0
   */
  public int replicas(String version) {
    Map<String, Integer> replicas =
        trafficProvider() == TrafficProvider.Replicas
            ? ReplicaSplit.replicas(plan, Objects.requireNonNullElse(spec().getReplicas(), 1))
            : plan.replicas();
    return Math.max(0, replicas.getOrDefault(version, 0));
  }

  /**
   * The name of the model-server Deployment, ConfigMap and Service serving a version.
   *
   * @param version a model version
   * @return {@code <name>-server} for an in-place (RollingUpdate) plan, else {@link
   *     ObjectNames#forVersion}
   */
  public String serverName(String version) {
    return plan.inPlace()
        ? ObjectNames.of(name(), ObjectNames.SERVER)
        : ObjectNames.forVersion(name(), version);
  }

  /** The router's Deployment and ConfigMap name, {@code <name>-router}. */
  public String routerName() {
    return ObjectNames.of(name(), ObjectNames.ROUTER);
  }

  /**
   * The base URL the router and the HTTPRoute reach a version's model servers at.
   *
   * @param version a model version
   * @return {@code http://<serverName>.<namespace>.svc:8080}
   */
  public String versionUrl(String version) {
    return "http://" + serverName(version) + "." + namespace() + ".svc:" + HTTP_PORT;
  }

  /**
   * Metadata of an object of this deployment.
   *
   * @param objectName the object's name
   * @param labels its labels
   * @return name, namespace and labels
   */
  public ObjectMeta metadata(String objectName, Map<String, String> labels) {
    return new ObjectMetaBuilder()
        .withName(objectName)
        .withNamespace(namespace())
        .withLabels(labels)
        .build();
  }

  /**
   * Labels of the objects and pods of a stage.
   *
   * @param stage {@link #MODEL_SERVER}, {@link #MODEL_ROUTER} or {@link #MODEL_BATCH}
   * @param version the version a model server serves; null for the router and deployment-wide
   *     objects
   * @return the managed labels, app.kubernetes.io name/instance/component, and the selector labels
   */
  public Map<String, String> labels(String stage, String version) {
    Map<String, String> labels = Labels.managed();
    labels.put("app.kubernetes.io/name", "sluice-runtime");
    labels.put("app.kubernetes.io/instance", name());
    labels.put("app.kubernetes.io/component", stage);
    labels.putAll(selector(stage, version));
    return labels;
  }

  /**
   * A pod selector.
   *
   * @param stage {@link #MODEL_SERVER} or {@link #MODEL_ROUTER}
   * @param version a version to narrow to, or null for every pod of the stage
   * @return {@code sluice.dev/model-deployment}, {@code sluice.dev/stage} and, with a version,
   *     {@code sluice.dev/model-version}
   */
  public Map<String, String> selector(String stage, String version) {
    Map<String, String> selector = new LinkedHashMap<>();
    selector.put(Labels.MODEL_DEPLOYMENT, name());
    selector.put(Labels.STAGE, stage);
    if (version != null) {
      selector.put(Labels.MODEL_VERSION, version);
    }
    return selector;
  }

  /** The runtime image: spec.image, else the operator's default. */
  public String image() {
    return Objects.requireNonNullElse(spec().getImage(), defaultImage);
  }
}
