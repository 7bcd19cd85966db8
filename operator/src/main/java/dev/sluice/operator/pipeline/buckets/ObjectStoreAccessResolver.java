package dev.sluice.operator.pipeline.buckets;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.ObjectStoreSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/** Reads a pipeline's object-store endpoint and the credentials in its Secret. */
public final class ObjectStoreAccessResolver {
  private final KubernetesClient client;

  /**
   * @param client reads the credentials Secret (get on secrets in the pipeline's namespace)
   */
  public ObjectStoreAccessResolver(KubernetesClient client) {
    this.client = client;
  }

  /**
   * Resolves the access of a pipeline.
   *
   * @param pipeline a DataPipeline whose spec.objectStore is set
   * @return endpoint, region and the keys accessKey and secretKey of the credentials Secret
   * @throws BucketServiceException when the Secret or one of its keys is missing
   */
  public ObjectStoreAccess resolve(DataPipeline pipeline) {
    ObjectStoreSpec store = pipeline.getSpec().getObjectStore();
    String secretName = store.getCredentialsSecret().getName();
    Secret secret =
        client
            .secrets()
            .inNamespace(pipeline.getMetadata().getNamespace())
            .withName(secretName)
            .get();
    if (secret == null) {
      throw new BucketServiceException(
          "Secret " + secretName + " (spec.objectStore.credentialsSecret) not found", null);
    }
    return new ObjectStoreAccess(
        store.getEndpoint(),
        Objects.requireNonNullElse(store.getRegion(), "us-east-1"),
        key(secret, "accessKey"),
        key(secret, "secretKey"));
  }

  private static String key(Secret secret, String key) {
    Map<String, String> data = secret.getData();
    if (data != null && data.get(key) != null) {
      return new String(Base64.getDecoder().decode(data.get(key)), StandardCharsets.UTF_8).trim();
    }
    Map<String, String> stringData = secret.getStringData();
    if (stringData != null && stringData.get(key) != null) {
      return stringData.get(key).trim();
    }
    throw new BucketServiceException(
        "Secret " + secret.getMetadata().getName() + " has no key " + key, null);
  }
}
