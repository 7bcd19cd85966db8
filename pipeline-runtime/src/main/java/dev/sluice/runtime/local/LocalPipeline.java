package dev.sluice.runtime.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.sluice.api.stage.ContractSchemas;
import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.DataContract;
import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.DataPipelineSpec;
import dev.sluice.api.v1alpha1.Durations;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.StageRunner;
import dev.sluice.runtime.config.RuntimeConfig;
import dev.sluice.runtime.curation.CurationJob;
import dev.sluice.runtime.kafka.TopicLeaders;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A whole pipeline on this machine: an embedded Kafka broker, the pipeline's topics, and its stages
 * running in this process with the same code as the pods, configured through the same stage
 * configuration file the operator renders.
 */
public final class LocalPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final DevOptions options;
  private final DataPipeline pipeline;
  private final StageConfig stageConfig;
  private final LocalKafkaBroker broker;
  private final Map<StageName, StageRunner> stages = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();
  private int collectorPort;

  private LocalPipeline(DevResources resources, DevOptions options) {
    this.options = options;
    var located = LocalResources.choosePipeline(resources, options.pipelineName());
    this.pipeline = located.resource();
    this.stageConfig = new StageConfig();
    stageConfig.setPipeline(pipeline.getMetadata().getName());
    stageConfig.setNamespace("local");
    stageConfig.setTopics(PipelineTopics.forPipeline(pipeline.getMetadata().getName()));
    stageConfig.setContractsDir(options.workDir().resolve("contracts").toAbsolutePath().toString());
    stageConfig.setTablesDir(options.workDir().resolve("tables").toAbsolutePath().toString());
    this.broker =
        new LocalKafkaBroker(options.workDir().resolve("kafka"), options.kafkaPort(), 768);
    stageConfig.setSpec(localSpec(resources, located.dir()));
    writeContracts(resources);
  }

  /**
   * Starts the broker, makes the topics and starts every stage.
   *
   * @throws IllegalArgumentException naming the resource or field when the YAML cannot run here
   */
  public static LocalPipeline start(DevResources resources, DevOptions options) throws Exception {
    LocalPipeline local = new LocalPipeline(resources, options);
    try {
      local.startAll();
      return local;
    } catch (Exception e) {
      local.close();
      throw e;
    }
  }

  private void startAll() throws Exception {
    broker.start();
    createTopics();
    Path stageFile = options.workDir().resolve("stage.yaml");
    new YAMLMapper().writeValue(stageFile.toFile(), stageConfig);
    List<StageName> order = new ArrayList<>();
    if (stageConfig.getSpec().getLoaders() != null) {
      if (stageConfig.getSpec().getLoaders().getRealtime() != null) {
        order.add(StageName.REALTIME_LOADER);
      }
      if (stageConfig.getSpec().getLoaders().getBatch() != null) {
        order.add(StageName.BATCH_LOADER);
      }
    }
    order.add(StageName.ENRICHER);
    order.add(StageName.COLLECTOR);
    for (StageName name : order) {
      RuntimeConfig config = RuntimeConfig.load(name.cliName(), stageFile, environment(name));
      StageRunner runner = new StageRunner(config);
      stages.put(name, runner);
      int port = runner.start();
      if (name == StageName.COLLECTOR) {
        collectorPort = port;
      }
    }
    var loaders = stageConfig.getSpec().getLoaders();
    new DevState(
            name(),
            bootstrapServers(),
            collectorUrl(),
            topics(),
            options.s3Endpoint() == null
                ? options.objectStoreDir().toAbsolutePath().toString()
                : null,
            loaders != null && loaders.getBatch() != null ? loaders.getBatch().getBucket() : null,
            stageConfig.getSpec().getCuration() != null
                ? stageConfig.getSpec().getCuration().getBucket()
                : null)
        .write(options.workDir());
  }

  private Map<String, String> environment(StageName name) {
    Map<String, String> env = new HashMap<>();
    env.put("SLUICE_KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
    env.put("SLUICE_INSTANCE", "local-" + name.cliName());
    env.put(
        "SLUICE_HTTP_PORT",
        Integer.toString(name == StageName.COLLECTOR ? options.collectorPort() : 0));
    env.put("SLUICE_GRPC_PORT", "0");
    if (options.s3Endpoint() == null) {
      env.put("SLUICE_OBJECTSTORE_DIR", options.objectStoreDir().toAbsolutePath().toString());
    } else {
      env.put("SLUICE_OBJECTSTORE_ACCESS_KEY", options.s3AccessKey());
      env.put("SLUICE_OBJECTSTORE_SECRET_KEY", options.s3SecretKey());
    }
    return env;
  }

  private void createTopics() throws InterruptedException {
    var settings = stageConfig.getSpec().getKafka().getTopics();
    String retentionMs = Long.toString(Durations.parse(settings.getRetention()).toMillis());
    PipelineTopics t = stageConfig.getTopics();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      for (String name :
          List.of(
              t.getRaw(),
              t.getRawDeadLetter(),
              t.getEnriched(),
              t.getEnrichedDeadLetter(),
              t.getLoaderDeadLetter())) {
        try {
          admin
              .createTopics(
                  List.of(
                      new NewTopic(name, settings.getPartitions(), (short) 1)
                          .configs(Map.of("retention.ms", retentionMs))))
              .all()
              .get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + name, e.getCause());
          }
        }
      }
      TopicLeaders.await(
          admin,
          List.of(
              t.getRaw(),
              t.getRawDeadLetter(),
              t.getEnriched(),
              t.getEnrichedDeadLetter(),
              t.getLoaderDeadLetter()),
          java.time.Duration.ofSeconds(30));
    }
  }

  private DataPipelineSpec localSpec(DevResources resources, Path yamlDir) {
    DataPipelineSpec spec = JSON.convertValue(pipeline.getSpec(), DataPipelineSpec.class);
    spec.getKafka().setBootstrapServers(broker.bootstrapServers());
    LocalResources.resolveTables(spec, resources, yamlDir, options.workDir().resolve("tables"));
    if (spec.getLoaders() != null && spec.getLoaders().getRealtime() != null) {
      if (options.opensearchUrl() == null) {
        spec.getLoaders().setRealtime(null);
        notes.add("real-time loader off: pass --opensearch-url to index into OpenSearch");
      } else {
        spec.getLoaders().getRealtime().setUrl(options.opensearchUrl());
        spec.getLoaders().getRealtime().setCredentialsSecret(null);
      }
    }
    if (spec.getObjectStore() != null && options.s3Endpoint() != null) {
      spec.getObjectStore().setEndpoint(options.s3Endpoint());
    }
    if (options.s3Endpoint() == null
        && spec.getLoaders() != null
        && spec.getLoaders().getBatch() != null) {
      notes.add("object store: local directory " + options.objectStoreDir().toAbsolutePath());
    }
    return spec;
  }

  private void writeContracts(DevResources resources) {
    for (var ref : stageConfig.getSpec().getContracts()) {
      DataContract contract =
          resources
              .contract(ref.getName())
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "DataPipeline "
                              + stageConfig.getPipeline()
                              + " references DataContract "
                              + ref.getName()
                              + ", which is not among the given files"));
      Path file =
          options.workDir().resolve("contracts").resolve(ref.getName()).resolve("contract.json");
      try {
        Files.createDirectories(file.getParent());
        JSON.writeValue(file.toFile(), ContractSchemas.singleVersionBundle(contract));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("DataContract " + ref.getName() + ": " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Runs the curation job over one window of the local object store, as the CronJob would.
   *
   * @param window an hour ({@code 2001-01-14T21}) or a day ({@code 2001-01-14})
   * @return the job's exit code ({@link CurationJob#OK} or {@link CurationJob#SLA_FAILED})
   * @throws Exception when the object store or DuckDB fails
   */
  public int curate(String window) throws Exception {
    RuntimeConfig config =
        RuntimeConfig.load(
            StageName.CURATION.cliName(),
            options.workDir().resolve("stage.yaml"),
            environment(StageName.CURATION));
    return CurationJob.run(config, window, Clock.systemUTC());
  }

  /** The collector's base URL, e.g. {@code http://127.0.0.1:8080}. */
  public String collectorUrl() {
    return "http://127.0.0.1:" + collectorPort;
  }

  /** {@code bootstrap.servers} of the embedded broker. */
  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The pipeline's name. */
  public String name() {
    return stageConfig.getPipeline();
  }

  /** The pipeline's topics. */
  public PipelineTopics topics() {
    return stageConfig.getTopics();
  }

  /** The spec as run here (tables resolved, real-time loader possibly off). */
  public DataPipelineSpec spec() {
    return stageConfig.getSpec();
  }

  /** Things the user should know about how this machine runs the pipeline. */
  public List<String> notes() {
    return List.copyOf(notes);
  }

  /** The stages running, in start order. */
  public List<StageName> runningStages() {
    return List.copyOf(stages.keySet());
  }

  /**
   * Stops the stages: the collector first (no new events), then the enricher and loaders (each
   * flushes and commits). The broker keeps running, so counts can still be read.
   */
  public void stopStages() {
    List<StageName> reverse = new ArrayList<>(stages.keySet());
    java.util.Collections.reverse(reverse);
    for (StageName name : reverse) {
      try {
        stages.get(name).close();
      } catch (RuntimeException e) {
        LOG.warn("stage {} did not close cleanly: {}", name, e.toString());
      }
    }
    stages.clear();
  }

  /**
   * Reads the pipeline's counts from Kafka.
   *
   * @throws IllegalStateException when the broker does not answer
   */
  public PipelineCounts counts() {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      return PipelineCounts.read(admin, name(), topics());
    }
  }

  /** Stops the stages (see {@link #stopStages()}), then the broker. */
  @Override
  public void close() {
    stopStages();
    broker.close();
  }
}
