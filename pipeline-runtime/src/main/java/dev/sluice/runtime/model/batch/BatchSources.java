package dev.sluice.runtime.model.batch;

import dev.sluice.api.stage.model.CuratedInputConfig;
import dev.sluice.api.stage.model.ModelBatchConfig;
import dev.sluice.api.stage.model.RegistryConfig;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.model.registry.ModelRegistry;
import dev.sluice.runtime.objectstore.DirectoryObjectStore;
import dev.sluice.runtime.objectstore.MinioObjectStore;
import dev.sluice.runtime.objectstore.ObjectStore;

/**
 * The two stores a batch run uses: the model registry and the object store of the curated input
 * (where the predictions are written too). Closing closes both.
 *
 * @param registry the model registry
 * @param input the store holding {@code batch.input.bucket}
 */
record BatchSources(ModelRegistry registry, ObjectStore input) implements AutoCloseable {

  /**
   * Opens both: with {@code SLUICE_OBJECTSTORE_DIR} set, buckets are directories under it (as in
   * {@code sluice dev}); otherwise S3 at {@code batch.input.endpoint} (default {@code
   * batch.registry.endpoint}) with the object store credentials.
   *
   * @throws ConfigException naming the missing endpoint or credential
   */
  static BatchSources open(ModelBatchConfig batch, RuntimeConfig config) {
    RegistryConfig registry = batch.registry();
    CuratedInputConfig input = batch.input();
    var local = config.objectStoreDirectory();
    if (registry.bucket() != null && local.isEmpty() && registry.endpoint() == null) {
      throw new ConfigException(
          "batch.registry.endpoint is required with batch.registry.bucket (or set"
              + " SLUICE_OBJECTSTORE_DIR)");
    }
    if (local.isPresent()) {
      ObjectStore store = new DirectoryObjectStore(local.get());
      return new BatchSources(ModelRegistry.open(registry, config), store);
    }
    String endpoint = input.endpoint() != null ? input.endpoint() : registry.endpoint();
    if (endpoint == null) {
      throw new ConfigException(
          "batch.input.endpoint is required when the registry is a directory (or set"
              + " SLUICE_OBJECTSTORE_DIR)");
    }
    String[] keys = config.objectStoreCredentials();
    String region = input.region() != null ? input.region() : registry.region();
    ObjectStore store = new MinioObjectStore(endpoint, region, keys[0], keys[1]);
    try {
      return new BatchSources(ModelRegistry.open(registry, config), store);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      registry.close();
    } finally {
      input.close();
    }
  }
}
