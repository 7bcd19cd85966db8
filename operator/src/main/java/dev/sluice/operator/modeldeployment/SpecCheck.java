package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.ServingMode;
import dev.sluice.api.v1alpha1.TrafficProvider;
import dev.sluice.operator.modeldeployment.model.ObjectNames;
import java.util.Optional;

/**
 * What the CRD schema cannot refuse about a ModelDeployment but the operator cannot serve. A
 * problem stops the reconcile before the release strategy runs, so what already serves keeps
 * serving, and is reported on the Ready condition (reason {@code InvalidSpec}) naming the field.
 * Pure.
 */
final class SpecCheck {
  private SpecCheck() {}

  /**
   * The first problem of a ModelDeployment.
   *
   * @param deployment the resource
   * @return a message naming the field at fault, or empty when it can be served
   */
  static Optional<String> problem(ModelDeployment deployment) {
    String name = deployment.getMetadata().getName();
    ModelDeploymentSpec spec = deployment.getSpec();
    if (!ObjectNames.validDeploymentName(name)) {
      return Optional.of(
          "metadata.name '"
              + name
              + "' must be a DNS-1035 label (lower-case letters, digits and '-', starting with a"
              + " letter) of at most "
              + ObjectNames.MAX_DEPLOYMENT_NAME
              + " characters: it prefixes the names of the deployment's Services");
    }
    String version = spec.getModel().getVersion();
    if (!Character.isLetterOrDigit(version.charAt(version.length() - 1))) {
      return Optional.of(
          "spec.model.version '"
              + version
              + "' must end with a letter or digit: it is a label value of the model servers");
    }
    if (spec.getRegistry() == null) {
      return Optional.of(
          "spec.registry is required: the model servers load "
              + spec.getModel().getName()
              + "/"
              + version
              + "/model.onnx from its bucket");
    }
    String layout =
        "s3://"
            + spec.getRegistry().getBucket()
            + "/"
            + spec.getModel().getName()
            + "/"
            + version
            + "/model.onnx";
    if (spec.getModel().getUri() != null && !spec.getModel().getUri().equals(layout)) {
      return Optional.of(
          "spec.model.uri '"
              + spec.getModel().getUri()
              + "' is not where the servers load the model from: the registry layout gives "
              + layout);
    }
    if (spec.getMode() == ServingMode.Batch) {
      String input = spec.getBatch().getInput();
      String path = java.net.URI.create(input).getPath();
      if (path == null || path.replace("/", "").isEmpty()) {
        return Optional.of(
            "spec.batch.input '"
                + input
                + "' must name the curated data's prefix in the bucket, e.g."
                + " s3://flights-curated/flight.departed");
      }
      return Optional.empty();
    }
    TrafficProvider provider =
        spec.getTraffic() == null ? TrafficProvider.Router : spec.getTraffic().getProvider();
    if (provider == TrafficProvider.Replicas) {
      if (spec.getRelease().getStrategy() == ReleaseStrategy.Shadow) {
        return Optional.of(
            "spec.traffic.provider Replicas cannot mirror requests: release strategy Shadow needs"
                + " provider Router or GatewayAPI");
      }
      if (spec.getAutoscaling() != null) {
        return Optional.of(
            "spec.autoscaling cannot be combined with spec.traffic.provider Replicas, which splits"
                + " traffic by fixing each version's replica count");
      }
    }
    return Optional.empty();
  }
}
