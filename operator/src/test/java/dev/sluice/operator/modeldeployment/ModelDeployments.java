package dev.sluice.operator.modeldeployment;

import dev.sluice.api.v1alpha1.BlueGreenSpec;
import dev.sluice.api.v1alpha1.CanarySpec;
import dev.sluice.api.v1alpha1.CanaryStep;
import dev.sluice.api.v1alpha1.GatewayApiTraffic;
import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.api.v1alpha1.ModelDeploymentSpec;
import dev.sluice.api.v1alpha1.ModelRegistrySpec;
import dev.sluice.api.v1alpha1.ModelSpec;
import dev.sluice.api.v1alpha1.ReleaseSpec;
import dev.sluice.api.v1alpha1.ReleaseStrategy;
import dev.sluice.api.v1alpha1.SecretReference;
import dev.sluice.api.v1alpha1.ShadowSpec;
import dev.sluice.api.v1alpha1.TrafficProvider;
import dev.sluice.api.v1alpha1.TrafficSpec;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;

/** ModelDeployments of the flight-delay model for the tests, as a user would write them. */
final class ModelDeployments {
  static final String NS = "models";

  private ModelDeployments() {}

  /**
   * A ModelDeployment with a registry in MinIO, 2 replicas, analysis unset.
   *
   * @param name metadata.name
   * @param version spec.model.version
   * @param strategy spec.release.strategy; Canary gets no steps ({@link #step} adds them)
   */
  static ModelDeployment of(String name, String version, ReleaseStrategy strategy) {
    ModelSpec model = new ModelSpec();
    model.setName("flight-delay");
    model.setVersion(version);
    ModelRegistrySpec registry = new ModelRegistrySpec();
    registry.setEndpoint("http://minio.minio:9000");
    SecretReference secret = new SecretReference();
    secret.setName("minio-credentials");
    registry.setCredentialsSecret(secret);
    ReleaseSpec release = new ReleaseSpec();
    release.setStrategy(strategy);
    switch (strategy) {
      case BlueGreen -> release.setBlueGreen(new BlueGreenSpec());
      case Canary -> release.setCanary(new CanarySpec());
      case Shadow -> release.setShadow(new ShadowSpec());
      default -> {}
    }
    ModelDeploymentSpec spec = new ModelDeploymentSpec();
    spec.setModel(model);
    spec.setRegistry(registry);
    spec.setReplicas(2);
    spec.setRelease(release);
    ModelDeployment deployment = new ModelDeployment();
    deployment.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(NS).build());
    deployment.setSpec(spec);
    return deployment;
  }

  /**
   * Adds a canary step.
   *
   * @param deployment a Canary ModelDeployment
   * @param weight percent of traffic
   * @param pause how long to hold it, or null to wait for sluice.dev/promote
   * @return the deployment
   */
  static ModelDeployment step(ModelDeployment deployment, int weight, String pause) {
    CanaryStep step = new CanaryStep();
    step.setWeight(weight);
    step.setPause(pause);
    step.setAnalysis(false);
    deployment.getSpec().getRelease().getCanary().getSteps().add(step);
    return deployment;
  }

  /**
   * Sets the traffic provider.
   *
   * @param deployment a ModelDeployment
   * @param provider the provider
   * @param httpRoute the HTTPRoute's name for GatewayAPI, else null
   * @return the deployment
   */
  static ModelDeployment traffic(
      ModelDeployment deployment, TrafficProvider provider, String httpRoute) {
    TrafficSpec traffic = new TrafficSpec();
    traffic.setProvider(provider);
    if (httpRoute != null) {
      GatewayApiTraffic gateway = new GatewayApiTraffic();
      gateway.setHttpRoute(httpRoute);
      traffic.setGatewayApi(gateway);
    }
    deployment.getSpec().setTraffic(traffic);
    return deployment;
  }
}
