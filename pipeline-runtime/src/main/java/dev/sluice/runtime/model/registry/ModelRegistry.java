package dev.sluice.runtime.model.registry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.sluice.api.stage.model.RegistryConfig;
import dev.sluice.api.v1alpha1.SluiceApi;
import dev.sluice.runtime.config.ConfigException;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.objectstore.DirectoryObjectStore;
import dev.sluice.runtime.objectstore.MinioObjectStore;
import dev.sluice.runtime.objectstore.ObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The model registry layout in one bucket of an {@link ObjectStore} (or a directory standing for
 * the bucket):
 *
 * <pre>
 * &lt;model&gt;/&lt;version&gt;/model.onnx       the ONNX graph
 * &lt;model&gt;/&lt;version&gt;/metadata.json    {@link ModelMetadata}
 * &lt;model&gt;/aliases/&lt;alias&gt;.json       {"version": "2"} — e.g. the production alias
 * </pre>
 *
 * A version or alias name matches {@code [A-Za-z0-9][A-Za-z0-9._-]{0,62}} (as ModelDeployment's
 * {@code model.version}); {@code aliases} is not a version.
 *
 * <p>Closing the registry closes its object store.
 */
public final class ModelRegistry implements AutoCloseable {
  /** Largest model file read, in bytes. */
  public static final long MAX_MODEL_BYTES = 512L * 1024 * 1024;

  /** Largest metadata or alias object read, in bytes. */
  public static final long MAX_METADATA_BYTES = 1024L * 1024;

  /** The alias a ModelDeployment's {@code version: production} resolves through. */
  public static final String PRODUCTION = "production";

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final ObjectStore store;
  private final String bucket;

  /**
   * @param store the object store holding the registry
   * @param bucket the registry bucket, e.g. {@code models}
   */
  public ModelRegistry(ObjectStore store, String bucket) {
    this.store = store;
    this.bucket = bucket;
  }

  /**
   * A registry in a local directory: the directory stands for the bucket, so its name must be a
   * valid bucket name.
   */
  public static ModelRegistry inDirectory(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
    if (!name.matches(SluiceApi.BUCKET_PATTERN)) {
      throw new ConfigException(
          "registry directory " + dir + ": its name '" + name + "' is not a valid bucket name");
    }
    return new ModelRegistry(new DirectoryObjectStore(dir.getParent()), name);
  }

  /**
   * The registry a model stage configuration names: {@code registry.directory}, or {@code
   * <SLUICE_OBJECTSTORE_DIR>/<bucket>} when that variable is set; otherwise {@code registry.bucket}
   * at {@code registry.endpoint} with the object store credentials.
   *
   * @throws ConfigException when S3 is needed and the endpoint or a credential is missing
   */
  public static ModelRegistry open(RegistryConfig registry, RuntimeConfig config) {
    if (registry.directory() != null) {
      return inDirectory(Path.of(registry.directory()));
    }
    var local = config.objectStoreDirectory();
    if (local.isPresent()) {
      return new ModelRegistry(new DirectoryObjectStore(local.get()), registry.bucket());
    }
    if (registry.endpoint() == null) {
      throw new ConfigException("server.registry.endpoint is required with server.registry.bucket");
    }
    String[] keys = config.objectStoreCredentials();
    return new ModelRegistry(
        new MinioObjectStore(registry.endpoint(), registry.region(), keys[0], keys[1]),
        registry.bucket());
  }

  /**
   * Where the registry is, for logs and errors: {@code dir /var/models} or {@code s3 URL/bucket}.
   */
  public String describe() {
    return store.describe() + "/" + bucket;
  }

  @Override
  public void close() {
    store.close();
  }

  /** A model version read from the registry. */
  public record LoadedModel(ModelMetadata metadata, byte[] onnx) {}

  /**
   * Reads a model version, resolving {@code versionOrAlias} through an alias object when one of
   * that name exists (so {@code production} names whatever version the alias says).
   *
   * @throws IOException naming the object when it is missing, too large or not valid
   */
  public LoadedModel load(String model, String versionOrAlias) throws IOException {
    String version = resolve(model, versionOrAlias);
    String prefix = check(model, "model") + "/" + version + "/";
    byte[] meta =
        store
            .get(bucket, prefix + "metadata.json", MAX_METADATA_BYTES)
            .orElseThrow(() -> missing(prefix + "metadata.json"));
    ModelMetadata metadata;
    try {
      metadata = JSON.readValue(meta, ModelMetadata.class);
    } catch (IOException e) {
      throw new IOException(
          prefix + "metadata.json in " + describe() + " is not valid: " + e.getMessage(), e);
    }
    byte[] onnx =
        store
            .get(bucket, prefix + "model.onnx", MAX_MODEL_BYTES)
            .orElseThrow(() -> missing(prefix + "model.onnx"));
    return new LoadedModel(metadata, onnx);
  }

  /**
   * The version an alias names, or {@code versionOrAlias} itself when no alias of that name exists.
   */
  public String resolve(String model, String versionOrAlias) throws IOException {
    String key = check(model, "model") + "/aliases/" + check(versionOrAlias, "version") + ".json";
    var alias = store.get(bucket, key, MAX_METADATA_BYTES);
    if (alias.isEmpty()) {
      return versionOrAlias;
    }
    String version = JSON.readTree(alias.get()).path("version").asText("");
    if (!NAME.matcher(version).matches()) {
      throw new IOException(key + " in " + describe() + " names no valid version");
    }
    return version;
  }

  /** Stores a model version: its metadata, then its graph. */
  public void publish(ModelMetadata metadata, byte[] onnx) throws IOException {
    String prefix = check(metadata.name(), "model") + "/" + check(metadata.version(), "version");
    store.put(bucket, prefix + "/model.onnx", onnx, "application/octet-stream");
    store.put(
        bucket, prefix + "/metadata.json", JSON.writeValueAsBytes(metadata), "application/json");
  }

  /** Points {@code alias} (e.g. {@link #PRODUCTION}) of {@code model} at {@code version}. */
  public void setAlias(String model, String alias, String version) throws IOException {
    String key = check(model, "model") + "/aliases/" + check(alias, "alias") + ".json";
    store.put(
        bucket,
        key,
        JSON.writeValueAsBytes(Map.of("version", check(version, "version"))),
        "application/json");
  }

  private static String check(String name, String what) {
    if (name == null || !NAME.matcher(name).matches() || name.equals("aliases")) {
      throw new IllegalArgumentException(
          what + " '" + name + "' is not a valid registry name ([A-Za-z0-9][A-Za-z0-9._-]{0,62})");
    }
    return name;
  }

  private IOException missing(String key) {
    return new IOException("no object " + key + " in " + describe());
  }
}
