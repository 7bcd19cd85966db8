package dev.sluice.e2e;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One CEL rule ({@code x-kubernetes-validations}) of a CRD schema.
 *
 * @param kind the CRD's kind
 * @param path where the rule sits, e.g. {@code spec.release.canary}
 * @param rule the CEL expression
 * @param message the message the API server answers when the rule fails
 */
public record CelRule(String kind, String path, String rule, String message) {

  /** Every CEL rule of every version of the CRD, in schema order. */
  public static List<CelRule> of(CustomResourceDefinition crd) {
    List<CelRule> rules = new ArrayList<>();
    String kind = crd.getSpec().getNames().getKind();
    for (CustomResourceDefinitionVersion version : crd.getSpec().getVersions()) {
      collect(kind, "", version.getSchema().getOpenAPIV3Schema(), rules);
    }
    return rules;
  }

  private static void collect(String kind, String path, JSONSchemaProps schema, List<CelRule> out) {
    if (schema == null) {
      return;
    }
    if (schema.getXKubernetesValidations() != null) {
      for (ValidationRule rule : schema.getXKubernetesValidations()) {
        out.add(new CelRule(kind, path, rule.getRule(), rule.getMessage()));
      }
    }
    if (schema.getProperties() != null) {
      for (Map.Entry<String, JSONSchemaProps> property : schema.getProperties().entrySet()) {
        String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
        collect(kind, child, property.getValue(), out);
      }
    }
    if (schema.getItems() != null) {
      collect(kind, path + "[]", schema.getItems().getSchema(), out);
    }
    if (schema.getAdditionalProperties() != null) {
      collect(kind, path + "{}", schema.getAdditionalProperties().getSchema(), out);
    }
  }
}
