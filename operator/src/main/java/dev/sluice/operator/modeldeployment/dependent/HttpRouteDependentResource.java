package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.modeldeployment.model.HttpRoutes;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.Matcher;
import io.javaoperatorsdk.operator.processing.dependent.Updater;
import io.javaoperatorsdk.operator.processing.dependent.external.PerResourcePollingDependentResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The HTTPRoute of traffic provider GatewayAPI, read and written as a {@link
 * GenericKubernetesResource} (no Gateway API model on the classpath). It is usually the user's
 * route, attached to their Gateway, so it is not watched through the operator's labelled informers
 * but fetched by name every {@code period} and changed with a JSON Patch of {@code spec.rules} only
 * ({@link HttpRoutes}); a route that does not exist is created, owned by the ModelDeployment.
 * Active only while the HTTPRoute CRD is installed ({@link GatewayApiCondition}).
 */
public class HttpRouteDependentResource
    extends PerResourcePollingDependentResource<GenericKubernetesResource, ModelDeployment, String>
    implements Creator<GenericKubernetesResource, ModelDeployment>,
        Updater<GenericKubernetesResource, ModelDeployment> {
  private static final ResourceDefinitionContext HTTP_ROUTES =
      new ResourceDefinitionContext.Builder()
          .withGroup("gateway.networking.k8s.io")
          .withVersion("v1")
          .withKind(HttpRoutes.KIND)
          .withPlural("httproutes")
          .withNamespaced(true)
          .build();

  private final KubernetesClient client;

  /**
   * @param client reads, creates and patches HTTPRoutes
   * @param period how often the route is read back (a user's edit of its backends is undone then)
   */
  public HttpRouteDependentResource(KubernetesClient client, Duration period) {
    super(
        GenericKubernetesResource.class,
        period,
        r -> r.getMetadata().getNamespace() + "/" + r.getMetadata().getName());
    this.client = client;
  }

  @Override
  public Set<GenericKubernetesResource> fetchResources(ModelDeployment deployment) {
    GenericKubernetesResource route =
        client
            .genericKubernetesResources(HTTP_ROUTES)
            .inNamespace(deployment.getMetadata().getNamespace())
            .withName(deployment.getSpec().getTraffic().getGatewayApi().getHttpRoute())
            .get();
    return route == null ? Set.of() : Set.of(route);
  }

  /** The route as created when none exists; an existing one only gets its rules' backends set. */
  @Override
  protected GenericKubernetesResource desired(
      ModelDeployment deployment, Context<ModelDeployment> context) {
    return HttpRoutes.created(ServingContext.model(context));
  }

  @Override
  public Matcher.Result<GenericKubernetesResource> match(
      GenericKubernetesResource actual,
      ModelDeployment deployment,
      Context<ModelDeployment> context) {
    ModelServing model = ServingContext.model(context);
    return Matcher.Result.nonComputed(
        Objects.equals(
            HttpRoutes.rulesOf(actual), HttpRoutes.rules(model, HttpRoutes.rulesOf(actual))));
  }

  @Override
  public GenericKubernetesResource create(
      GenericKubernetesResource desired,
      ModelDeployment deployment,
      Context<ModelDeployment> context) {
    desired.addOwnerReference(deployment);
    return client.genericKubernetesResources(HTTP_ROUTES).resource(desired).create();
  }

  @Override
  public GenericKubernetesResource update(
      GenericKubernetesResource actual,
      GenericKubernetesResource desired,
      ModelDeployment deployment,
      Context<ModelDeployment> context) {
    List<Object> rules =
        HttpRoutes.rules(ServingContext.model(context), HttpRoutes.rulesOf(actual));
    // JSON Patch, not a merge patch: "add" replaces the whole rules list, and "test" refuses the
    // write when the route changed since it was read (the next reconcile reads it again).
    List<Map<String, Object>> patch =
        List.of(
            Map.of(
                "op",
                "test",
                "path",
                "/metadata/resourceVersion",
                "value",
                actual.getMetadata().getResourceVersion()),
            actual.getAdditionalProperties().get("spec") instanceof Map
                ? Map.of("op", "add", "path", "/spec/rules", "value", rules)
                : Map.of("op", "add", "path", "/spec", "value", Map.of("rules", rules)));
    return client
        .genericKubernetesResources(HTTP_ROUTES)
        .inNamespace(actual.getMetadata().getNamespace())
        .withName(actual.getMetadata().getName())
        .patch(PatchContext.of(PatchType.JSON), client.getKubernetesSerialization().asJson(patch));
  }
}
