package dev.sluice.operator.modeldeployment.model;

import dev.sluice.api.v1alpha1.TrafficProvider;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Desired Services of a ModelDeployment. Pure.
 *
 * <ul>
 *   <li>one per version ({@code <name>-<version>}, or {@code <name>-server} in place), which the
 *       router and the HTTPRoute send requests to;
 *   <li>{@code <name>}, what clients call: the router's pods (provider Router), or the model
 *       servers' pods (provider Replicas: one version's at weight 0 or 100, both versions' in
 *       between, so the replica ratio is the split); none with provider GatewayAPI, whose clients
 *       come through the Gateway;
 *   <li>{@code <name>-preview} while a BlueGreen release previews a version.
 * </ul>
 *
 * <p>Mode Batch has no Service.
 */
public final class ModelServices {
  private ModelServices() {}

  /**
   * The Services.
   *
   * @param model the deployment
   * @return the Services above, all ClusterIP with port {@code http} 8080
   */
  public static List<Service> desired(ModelServing model) {
    List<Service> services = new ArrayList<>();
    if (model.plan().inPlace()) {
      model.versions().stream()
          .findFirst()
          .ifPresent(
              version ->
                  services.add(
                      service(
                          model,
                          model.serverName(version),
                          model.labels(ModelServing.MODEL_SERVER, null),
                          model.selector(ModelServing.MODEL_SERVER, null))));
    } else {
      for (String version : model.versions()) {
        services.add(
            service(
                model,
                model.serverName(version),
                model.labels(ModelServing.MODEL_SERVER, version),
                model.selector(ModelServing.MODEL_SERVER, version)));
      }
    }
    if (!model.serves()) {
      return services;
    }
    if (model.trafficProvider() == TrafficProvider.Router) {
      services.add(
          service(
              model,
              model.name(),
              model.labels(ModelServing.MODEL_ROUTER, null),
              model.selector(ModelServing.MODEL_ROUTER, null)));
    } else if (model.trafficProvider() == TrafficProvider.Replicas) {
      services.add(
          service(
              model,
              model.name(),
              model.labels(ModelServing.MODEL_SERVER, null),
              model.selector(
                  ModelServing.MODEL_SERVER, ReplicaSplit.singleVersion(model.plan().traffic()))));
    }
    String preview = model.plan().previewVersion();
    if (preview != null) {
      services.add(
          service(
              model,
              ObjectNames.of(model.name(), ObjectNames.PREVIEW),
              model.labels(ModelServing.MODEL_SERVER, null),
              model.selector(ModelServing.MODEL_SERVER, preview)));
    }
    return services;
  }

  private static Service service(
      ModelServing model, String name, Map<String, String> labels, Map<String, String> selector) {
    return new ServiceBuilder()
        .withMetadata(model.metadata(name, labels))
        .withNewSpec()
        .withType("ClusterIP")
        .withSelector(selector)
        .withPorts(
            new ServicePortBuilder()
                .withName("http")
                .withPort(ModelServing.HTTP_PORT)
                .withTargetPort(new IntOrString("http"))
                .withProtocol("TCP")
                .withAppProtocol("http")
                .build())
        .endSpec()
        .build();
  }
}
