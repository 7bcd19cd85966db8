package dev.sluice.runtime.config;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.stage.model.ModelStageConfig;
import dev.sluice.api.stage.model.StreamConfig;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.model.config.ModelStageConfigs;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The one configuration of a runtime process: the stage configuration file the operator renders (or
 * {@code sluice dev} builds), plus environment overrides read here and nowhere else.
 *
 * <p>Environment variables: {@code SLUICE_STAGE}, {@code SLUICE_CONFIG} (path of {@code
 * stage.yaml}), {@code SLUICE_KAFKA_BOOTSTRAP_SERVERS}, {@code SLUICE_HTTP_PORT}, {@code
 * SLUICE_INSTANCE} (default: the host name), {@code SLUICE_CONTRACTS_DIR}, {@code
 * SLUICE_TABLES_DIR}, {@code SLUICE_OBJECTSTORE_ACCESS_KEY}, {@code SLUICE_OBJECTSTORE_SECRET_KEY},
 * {@code SLUICE_REALTIME_USERNAME}, {@code SLUICE_REALTIME_PASSWORD}, {@code
 * SLUICE_COLLECTOR_API_KEYS_FILE}, {@code SLUICE_GRPC_PORT}, {@code SLUICE_OBJECTSTORE_DIR} (a
 * local directory used as the object store instead of S3, as {@code sluice dev} does), {@code
 * SLUICE_OBJECTSTORE_ENDPOINT} (replaces {@code spec.objectStore.endpoint}) and {@code
 * SLUICE_REALTIME_URL} (replaces {@code spec.loaders.realtime.url}): the rendered file names the
 * in-cluster addresses; these point a stage run elsewhere at other ones, the way {@code
 * SLUICE_KAFKA_BOOTSTRAP_SERVERS} does for Kafka.
 *
 * @param stage the stage this process runs
 * @param stageConfig the parsed stage configuration
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param httpPort port of the stage's HTTP server (events for the collector; health and metrics for
 *     every stage)
 * @param instance name of this process in metadata and metrics (pod name in a cluster)
 * @param contractsDir directory of contract bundles ({@code <contract>/contract.json})
 * @param tablesDir directory a lookup table's configMapKeyRef resolves in ({@code <name>/<key>})
 * @param env the environment the overrides came from, for stage-specific secrets
 * @param configDir directory of the stage configuration file; relative paths in it (a lookup
 *     table's {@code path}) resolve against it
 * @param modelStage for the model stages (model-server, model-router), their configuration file
 *     (then {@code stageConfig} is null); null for the pipeline stages
 * @param modelStageFile the file {@code modelStage} was read from (the router re-reads it when it
 *     changes); null for the pipeline stages
 */
public record RuntimeConfig(
    StageName stage,
    StageConfig stageConfig,
    String bootstrapServers,
    int httpPort,
    String instance,
    Path contractsDir,
    Path tablesDir,
    Map<String, String> env,
    Path configDir,
    ModelStageConfig modelStage,
    Path modelStageFile) {

  /** A configuration whose relative paths resolve against the working directory. */
  public RuntimeConfig(
      StageName stage,
      StageConfig stageConfig,
      String bootstrapServers,
      int httpPort,
      String instance,
      Path contractsDir,
      Path tablesDir,
      Map<String, String> env) {
    this(
        stage,
        stageConfig,
        bootstrapServers,
        httpPort,
        instance,
        contractsDir,
        tablesDir,
        env,
        Path.of("").toAbsolutePath(),
        null,
        null);
  }

  /** Largest accepted stage configuration file, in bytes. */
  public static final long MAX_CONFIG_BYTES = 4L * 1024 * 1024;

  private static final YamlConfigReader STAGE_CONFIG =
      new YamlConfigReader("stage configuration", MAX_CONFIG_BYTES);

  /**
   * Reads the configuration.
   *
   * @param stageOption the {@code --stage} option, or null to use {@code SLUICE_STAGE}
   * @param configOption the {@code --config} option, or null to use {@code SLUICE_CONFIG}
   * @param env the process environment
   * @return the configuration, every field set
   * @throws ConfigException naming the option, variable, file or field at fault
   */
  public static RuntimeConfig load(String stageOption, Path configOption, Map<String, String> env) {
    String stageName = stageOption != null ? stageOption : env.get("SLUICE_STAGE");
    if (stageName == null || stageName.isBlank()) {
      throw new ConfigException("no stage given: pass --stage or set SLUICE_STAGE");
    }
    StageName stage;
    try {
      stage = StageName.of(stageName);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
    Path file =
        configOption != null
            ? configOption
            : Optional.ofNullable(env.get("SLUICE_CONFIG")).map(Path::of).orElse(null);
    if (file == null) {
      throw new ConfigException("no stage configuration given: pass --config or set SLUICE_CONFIG");
    }
    if (stage.isModelStage()) {
      return loadModelStage(stage, file, env);
    }
    StageConfig config = readStageConfig(file);

    String bootstrap =
        env.getOrDefault(
            "SLUICE_KAFKA_BOOTSTRAP_SERVERS", config.getSpec().getKafka().getBootstrapServers());
    int defaultPort =
        stage == StageName.COLLECTOR ? config.getSpec().getCollector().getHttpPort() : 8080;
    int port = intVariable(env, "SLUICE_HTTP_PORT", defaultPort);
    if (config.getTopics() == null) {
      config.setTopics(PipelineTopics.forPipeline(config.getPipeline()));
    }
    overrideEndpoints(config, env);
    return new RuntimeConfig(
        stage,
        config,
        bootstrap,
        port,
        env.getOrDefault("SLUICE_INSTANCE", hostName()),
        Path.of(env.getOrDefault("SLUICE_CONTRACTS_DIR", config.getContractsDir())),
        Path.of(env.getOrDefault("SLUICE_TABLES_DIR", config.getTablesDir())),
        Map.copyOf(env),
        file.toAbsolutePath().getParent(),
        null,
        null);
  }

  /**
   * Applies {@code SLUICE_OBJECTSTORE_ENDPOINT} and {@code SLUICE_REALTIME_URL} to the sections
   * that exist; a stage without that section does not use it.
   */
  private static void overrideEndpoints(StageConfig config, Map<String, String> env) {
    String objectStore = env.get("SLUICE_OBJECTSTORE_ENDPOINT");
    if (objectStore != null && config.getSpec().getObjectStore() != null) {
      config
          .getSpec()
          .getObjectStore()
          .setEndpoint(httpUrl("SLUICE_OBJECTSTORE_ENDPOINT", objectStore));
    }
    String realtime = env.get("SLUICE_REALTIME_URL");
    var loaders = config.getSpec().getLoaders();
    if (realtime != null && loaders != null && loaders.getRealtime() != null) {
      loaders.getRealtime().setUrl(httpUrl("SLUICE_REALTIME_URL", realtime));
    }
  }

  private static String httpUrl(String variable, String value) {
    if (value.length() > 2048 || !value.matches("^https?://[^\\s/]+(/\\S*)?$")) {
      throw new ConfigException(
          variable + "='" + abbreviate(value) + "' is not an http(s) URL such as http://host:9000");
    }
    return value;
  }

  private static String abbreviate(String value) {
    return value.length() <= 100 ? value : value.substring(0, 100) + "...";
  }

  private static RuntimeConfig loadModelStage(StageName stage, Path file, Map<String, String> env) {
    ModelStageConfig model = ModelStageConfigs.read(file, stage);
    StreamConfig stream = model.server() == null ? null : model.server().stream();
    String bootstrap =
        env.getOrDefault(
            "SLUICE_KAFKA_BOOTSTRAP_SERVERS", stream == null ? null : stream.bootstrapServers());
    if (stream != null && bootstrap == null) {
      throw new ConfigException(
          "model stage configuration "
              + file
              + ": server.stream.bootstrapServers is required (or set"
              + " SLUICE_KAFKA_BOOTSTRAP_SERVERS)");
    }
    return new RuntimeConfig(
        stage,
        null,
        bootstrap,
        intVariable(env, "SLUICE_HTTP_PORT", 8080),
        env.getOrDefault("SLUICE_INSTANCE", hostName()),
        null,
        null,
        Map.copyOf(env),
        file.toAbsolutePath().getParent(),
        model,
        file);
  }

  /**
   * The name metrics and logs carry as {@code pipeline}: the DataPipeline's name, or for a model
   * stage the ModelDeployment's.
   */
  public String ownerName() {
    return modelStage != null ? modelStage.deployment() : stageConfig.getPipeline();
  }

  /**
   * The model registry's S3 credentials: {@code SLUICE_OBJECTSTORE_ACCESS_KEY} and {@code
   * SLUICE_OBJECTSTORE_SECRET_KEY}.
   *
   * @throws ConfigException naming the variable that is not set
   */
  public String[] objectStoreCredentials() {
    String[] keys = {"SLUICE_OBJECTSTORE_ACCESS_KEY", "SLUICE_OBJECTSTORE_SECRET_KEY"};
    String[] values = new String[2];
    for (int i = 0; i < 2; i++) {
      String name = keys[i];
      values[i] =
          secret(name).orElseThrow(() -> new ConfigException(name + " is required for S3 access"));
    }
    return values;
  }

  /**
   * Resolves a path of the stage configuration: absolute paths as they are, relative ones against
   * {@link #configDir()}.
   */
  public Path resolve(String path) {
    return configDir.resolve(path);
  }

  /**
   * Reads and checks a stage configuration file.
   *
   * @throws ConfigException when the file is missing, larger than {@link #MAX_CONFIG_BYTES}, not
   *     YAML, has an unknown field, or lacks {@code pipeline}, {@code spec} or {@code
   *     spec.kafka.bootstrapServers}
   */
  public static StageConfig readStageConfig(Path file) {
    StageConfig config = STAGE_CONFIG.read(file, StageConfig.class);
    require(config.getPipeline() != null, file, "pipeline");
    require(config.getSpec() != null, file, "spec");
    require(config.getSpec().getKafka() != null, file, "spec.kafka");
    require(
        config.getSpec().getKafka().getBootstrapServers() != null,
        file,
        "spec.kafka.bootstrapServers");
    return config;
  }

  /** The value of an optional secret variable such as {@code SLUICE_OBJECTSTORE_ACCESS_KEY}. */
  public Optional<String> secret(String variable) {
    return Optional.ofNullable(env.get(variable)).filter(v -> !v.isBlank());
  }

  /**
   * The collector's gRPC port: {@code SLUICE_GRPC_PORT}, else {@code spec.collector.grpcPort}.
   *
   * @throws ConfigException when {@code SLUICE_GRPC_PORT} is not a port number
   */
  public int grpcPort() {
    return intVariable(env, "SLUICE_GRPC_PORT", stageConfig.getSpec().getCollector().getGrpcPort());
  }

  /**
   * The file of accepted collector API keys ({@code SLUICE_COLLECTOR_API_KEYS_FILE}, one key per
   * line), or empty when the collector does not authenticate.
   */
  public Optional<Path> collectorApiKeysFile() {
    return secret("SLUICE_COLLECTOR_API_KEYS_FILE").map(Path::of);
  }

  /**
   * {@code SLUICE_OBJECTSTORE_DIR}: when set, the batch loader and curation use this local
   * directory as their object store (one sub-directory per bucket) instead of {@code
   * spec.objectStore}; {@code sluice dev} sets it.
   */
  public Optional<Path> objectStoreDirectory() {
    return secret("SLUICE_OBJECTSTORE_DIR").map(Path::of);
  }

  private static void require(boolean present, Path file, String field) {
    if (!present) {
      throw new ConfigException("stage configuration " + file + ": " + field + " is required");
    }
  }

  private static int intVariable(Map<String, String> env, String name, int fallback) {
    String value = env.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0 || n > 65535) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigException(name + "='" + value + "' is not a port number (0..65535)");
    }
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
