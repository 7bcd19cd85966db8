package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/**
 * The model registry the model servers load from: a bucket of an S3-compatible object store (MinIO)
 * holding {@code <model>/<version>/model.onnx}, {@code metadata.json} and {@code
 * aliases/<alias>.json}. A change rolls every model server of the deployment.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelRegistrySpec {
  @Default("models")
  @Pattern(SluiceApi.BUCKET_PATTERN)
  @JsonPropertyDescription("Bucket of the registry.")
  private String bucket = "models";

  @Required
  @Pattern("^https?://[^\\s/]+(/.*)?$")
  @JsonPropertyDescription("S3 endpoint URL, e.g. http://minio.minio.svc:9000.")
  private String endpoint;

  @JsonPropertyDescription("S3 region name; unset uses the server's default.")
  private String region;

  @Required
  @JsonPropertyDescription("Secret holding the credentials, with the keys accessKey and secretKey.")
  private SecretReference credentialsSecret;

  public String getBucket() {
    return bucket;
  }

  public void setBucket(String bucket) {
    this.bucket = bucket;
  }

  public String getEndpoint() {
    return endpoint;
  }

  public void setEndpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  public String getRegion() {
    return region;
  }

  public void setRegion(String region) {
    this.region = region;
  }

  public SecretReference getCredentialsSecret() {
    return credentialsSecret;
  }

  public void setCredentialsSecret(SecretReference credentialsSecret) {
    this.credentialsSecret = credentialsSecret;
  }
}
