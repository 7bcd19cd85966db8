package dev.sluice.runtime.model.registry;

import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.model.config.RegistryConfig;
import java.nio.file.Path;

/** Opens the registry a model stage configuration names. */
public final class ModelStores {
  private ModelStores() {}

  /**
   * A directory store for {@code registry.directory}, or for {@code
   * <SLUICE_OBJECTSTORE_DIR>/<bucket>} when that variable is set; otherwise an S3 store of {@code
   * registry.bucket} at {@code registry.endpoint} with the object store credentials.
   *
   * @throws ConfigException when S3 is needed and the endpoint or a credential is missing
   */
  public static ModelStore open(RegistryConfig registry, RuntimeConfig config) {
    if (registry.directory() != null) {
      return new DirectoryModelStore(Path.of(registry.directory()));
    }
    var local = config.objectStoreDirectory();
    if (local.isPresent()) {
      return new DirectoryModelStore(local.get().resolve(registry.bucket()));
    }
    if (registry.endpoint() == null) {
      throw new ConfigException("server.registry.endpoint is required with server.registry.bucket");
    }
    String[] keys = config.objectStoreCredentials();
    return new S3ModelStore(
        registry.endpoint(), registry.region(), keys[0], keys[1], registry.bucket());
  }
}
