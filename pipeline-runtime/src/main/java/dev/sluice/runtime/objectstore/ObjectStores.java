package dev.sluice.runtime.objectstore;

import dev.sluice.api.v1alpha1.ObjectStoreSpec;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;

/** Chooses the object store of a process from its configuration. */
public final class ObjectStores {

  /**
   * The directory store when {@code SLUICE_OBJECTSTORE_DIR} is set, otherwise the S3 store of
   * {@code spec.objectStore} with the credentials {@code SLUICE_OBJECTSTORE_ACCESS_KEY} and {@code
   * SLUICE_OBJECTSTORE_SECRET_KEY}.
   *
   * @throws ConfigException naming {@code spec.objectStore} or the missing variable
   */
  public static ObjectStore fromConfig(RuntimeConfig config) {
    var dir = config.objectStoreDirectory();
    if (dir.isPresent()) {
      return new DirectoryObjectStore(dir.get());
    }
    ObjectStoreSpec spec = config.stageConfig().getSpec().getObjectStore();
    if (spec == null || spec.getEndpoint() == null) {
      throw new ConfigException(
          "spec.objectStore.endpoint is required by stage "
              + config.stage()
              + " (or set SLUICE_OBJECTSTORE_DIR to use a local directory)");
    }
    String accessKey =
        config
            .secret("SLUICE_OBJECTSTORE_ACCESS_KEY")
            .orElseThrow(() -> new ConfigException("SLUICE_OBJECTSTORE_ACCESS_KEY is not set"));
    String secretKey =
        config
            .secret("SLUICE_OBJECTSTORE_SECRET_KEY")
            .orElseThrow(() -> new ConfigException("SLUICE_OBJECTSTORE_SECRET_KEY is not set"));
    String region = spec.getRegion() == null ? "us-east-1" : spec.getRegion();
    return new MinioObjectStore(spec.getEndpoint(), region, accessKey, secretKey);
  }

  private ObjectStores() {}
}
