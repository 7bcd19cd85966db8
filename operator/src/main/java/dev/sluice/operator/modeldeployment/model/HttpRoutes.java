package dev.sluice.operator.modeldeployment.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.operator.rollout.ServingPlan.TrafficSplit;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import java.util.List;
import java.util.Map;

/**
 * The Gateway API HTTPRoute of traffic provider GatewayAPI ({@code gateway.networking.k8s.io/v1}).
 * The operator owns the backends of the route named by spec.traffic.gatewayApi.httpRoute: in every
 * rule it sets {@code backendRefs} to the stable and candidate versions' Services with the split's
 * weights, and a {@code RequestMirror} filter to the candidate while shadow traffic is wanted.
 * Everything else — parentRefs, hostnames, matches, other filters — is the user's and kept. Pure.
 */
public final class HttpRoutes {
  /** apiVersion of HTTPRoute. */
  public static final String API_VERSION = "gateway.networking.k8s.io/v1";

  /** Kind of HTTPRoute. */
  public static final String KIND = "HTTPRoute";

  /** Name of the HTTPRoute CRD. */
  public static final String CRD = "httproutes.gateway.networking.k8s.io";

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpRoutes() {}

  /**
   * The route's name.
   *
   * @param model a deployment with provider GatewayAPI
   * @return spec.traffic.gatewayApi.httpRoute
   */
  public static String name(ModelServing model) {
    return model.spec().getTraffic().getGatewayApi().getHttpRoute();
  }

  /**
   * The route the operator creates when none exists: one rule, no parentRefs (the user attaches it
   * to a Gateway by adding them; the operator never touches them).
   *
   * @param model a deployment with provider GatewayAPI
   * @return the HTTPRoute, labelled as the operator's
   */
  public static GenericKubernetesResource created(ModelServing model) {
    return new GenericKubernetesResourceBuilder()
        .withApiVersion(API_VERSION)
        .withKind(KIND)
        .withMetadata(model.metadata(name(model), model.labels(ModelServing.MODEL_SERVER, null)))
        .addToAdditionalProperties("spec", Map.of("rules", rules(model, List.of())))
        .build();
  }

  /**
   * The rules a route should have.
   *
   * @param model a deployment with provider GatewayAPI
   * @param existing the route's current {@code spec.rules} (empty for none)
   * @return every existing rule with its backendRefs and RequestMirror filter replaced, or one new
   *     rule when there were none; as plain maps for a JSON patch
   */
  public static List<Object> rules(ModelServing model, List<?> existing) {
    ArrayNode rules = JSON.createArrayNode();
    if (existing.isEmpty()) {
      rules.add(rule(model, JSON.createObjectNode()));
    } else {
      for (Object rule : existing) {
        JsonNode node = JSON.valueToTree(rule);
        rules.add(rule(model, node.isObject() ? (ObjectNode) node : JSON.createObjectNode()));
      }
    }
    return JSON.convertValue(
        rules, JSON.getTypeFactory().constructCollectionType(List.class, Object.class));
  }

  /**
   * The route's current rules.
   *
   * @param route an HTTPRoute
   * @return its {@code spec.rules}, empty when unset
   */
  public static List<?> rulesOf(GenericKubernetesResource route) {
    Object spec = route.getAdditionalProperties().get("spec");
    if (spec instanceof Map<?, ?> map && map.get("rules") instanceof List<?> rules) {
      return rules;
    }
    return List.of();
  }

  private static ObjectNode rule(ModelServing model, ObjectNode existing) {
    TrafficSplit split = model.plan().traffic();
    ObjectNode rule = existing.deepCopy();
    ArrayNode backends = rule.putArray("backendRefs");
    if (split.stableVersion() != null) {
      backends.add(backend(model, split.stableVersion(), 100 - split.candidateWeight()));
    }
    if (split.candidateVersion() != null && split.candidateWeight() > 0) {
      backends.add(backend(model, split.candidateVersion(), split.candidateWeight()));
    }
    ArrayNode filters = JSON.createArrayNode();
    rule.path("filters")
        .forEach(
            f -> {
              if (!"RequestMirror".equals(f.path("type").asText())) {
                filters.add(f);
              }
            });
    if (split.candidateVersion() != null && split.mirrorPercent() > 0) {
      ObjectNode mirror = filters.addObject();
      mirror.put("type", "RequestMirror");
      ObjectNode requestMirror = mirror.putObject("requestMirror");
      requestMirror
          .putObject("backendRef")
          .put("name", model.serverName(split.candidateVersion()))
          .put("port", ModelServing.HTTP_PORT);
      if (split.mirrorPercent() < 100) {
        requestMirror.put("percent", split.mirrorPercent());
      }
    }
    if (filters.isEmpty()) {
      rule.remove("filters");
    } else {
      rule.set("filters", filters);
    }
    return rule;
  }

  private static ObjectNode backend(ModelServing model, String version, int weight) {
    ObjectNode backend = JSON.createObjectNode();
    backend.put("name", model.serverName(version));
    backend.put("port", ModelServing.HTTP_PORT);
    backend.put("weight", weight);
    return backend;
  }
}
