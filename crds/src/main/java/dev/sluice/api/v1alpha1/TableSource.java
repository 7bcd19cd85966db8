package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.ValidationRule;

/**
 * Where a lookup table is read from: a ConfigMap key (mounted into the enricher by the operator) or
 * a file path ({@code sluice dev} reads it relative to the pipeline's YAML file).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.configMapKeyRef) != has(self.path)",
    message = "a table sets exactly one of configMapKeyRef or path")
public class TableSource {
  @JsonPropertyDescription("A key of a ConfigMap in the pipeline's namespace.")
  private ConfigMapKeyReference configMapKeyRef;

  @JsonPropertyDescription("A file path.")
  private String path;

  public ConfigMapKeyReference getConfigMapKeyRef() {
    return configMapKeyRef;
  }

  public void setConfigMapKeyRef(ConfigMapKeyReference configMapKeyRef) {
    this.configMapKeyRef = configMapKeyRef;
  }

  public String getPath() {
    return path;
  }

  public void setPath(String path) {
    this.path = path;
  }
}
