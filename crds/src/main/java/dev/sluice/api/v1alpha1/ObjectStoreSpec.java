package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** An S3-compatible object store (MinIO). Bucket names live with the stages that use them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ObjectStoreSpec {
  @Required
  @Pattern("^https?://[^\\s/]+(/.*)?$")
  @JsonPropertyDescription("S3 endpoint URL, e.g. http://minio.minio.svc:9000.")
  private String endpoint;

  @Default("us-east-1")
  @JsonPropertyDescription("S3 region name.")
  private String region = "us-east-1";

  @Required
  @JsonPropertyDescription("Secret holding the credentials, with the keys accessKey and secretKey.")
  private SecretReference credentialsSecret;

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
