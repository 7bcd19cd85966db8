package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * A model in the registry layout {@code s3://<bucket>/<name>/<version>/model.onnx}; {@code version}
 * may be the alias {@code production}, resolved through the registry's alias object.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSpec {
  @Required
  @Pattern(SluiceApi.NAME_PATTERN)
  @JsonPropertyDescription("Model name, e.g. flight-delay.")
  private String name;

  @Required
  @Pattern("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$")
  @JsonPropertyDescription("Version to serve, e.g. 3, or the alias production.")
  private String version;

  @Pattern("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/.+$")
  @JsonPropertyDescription(
      "Object URI of the model file, e.g. s3://models/flight-delay/3/model.onnx. Optional: the"
          + " servers load s3://<registry.bucket>/<name>/<version>/model.onnx, and a uri naming"
          + " another object is reported on the Ready condition (reason InvalidSpec).")
  private String uri;

  @Default("onnx")
  @JsonPropertyDescription("Model format; only onnx is served.")
  private ModelFormat format = ModelFormat.onnx;

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getVersion() {
    return version;
  }

  public void setVersion(String version) {
    this.version = version;
  }

  public String getUri() {
    return uri;
  }

  public void setUri(String uri) {
    this.uri = uri;
  }

  public ModelFormat getFormat() {
    return format;
  }

  public void setFormat(ModelFormat format) {
    this.format = format;
  }
}
