package dev.sluice.runtime.testing;

import dev.sluice.api.stage.StageConfig;
import dev.sluice.api.v1alpha1.DataPipelineSpec;
import dev.sluice.api.v1alpha1.KafkaSpec;
import dev.sluice.api.v1alpha1.LoadersSpec;
import dev.sluice.api.v1alpha1.PipelineTopics;
import dev.sluice.runtime.StageContext;
import dev.sluice.runtime.StageName;
import dev.sluice.runtime.config.RuntimeConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.Map;

/** Builds what a stage is made from, for tests that run a stage in the test JVM. */
public final class TestStages {

  /**
   * A stage configuration whose topics all carry {@code topicPrefix} (as {@link
   * SharedKafka#createTopics} made them).
   */
  public static StageConfig pipeline(String name, String topicPrefix, String bootstrapServers) {
    StageConfig config = new StageConfig();
    config.setPipeline(name);
    config.setNamespace("test");
    DataPipelineSpec spec = new DataPipelineSpec();
    KafkaSpec kafka = new KafkaSpec();
    kafka.setBootstrapServers(bootstrapServers);
    spec.setKafka(kafka);
    spec.setLoaders(new LoadersSpec());
    config.setSpec(spec);
    PipelineTopics t = PipelineTopics.forPipeline(name);
    t.setRaw(topicPrefix + t.getRaw());
    t.setRawDeadLetter(topicPrefix + t.getRawDeadLetter());
    t.setEnriched(topicPrefix + t.getEnriched());
    t.setEnrichedDeadLetter(topicPrefix + t.getEnrichedDeadLetter());
    t.setLoaderDeadLetter(topicPrefix + t.getLoaderDeadLetter());
    config.setTopics(t);
    return config;
  }

  /** A runtime configuration of {@code stage} over {@code config}. */
  public static RuntimeConfig runtime(
      StageName stage, StageConfig config, Path contractsDir, Map<String, String> env) {
    return new RuntimeConfig(
        stage,
        config,
        config.getSpec().getKafka().getBootstrapServers(),
        0,
        "test-" + stage.cliName(),
        contractsDir,
        contractsDir,
        env);
  }

  /** A stage context with its own Vert.x and registry; close it after the stage. */
  public static Context context(RuntimeConfig config) {
    Vertx vertx = Vertx.vertx();
    return new Context(
        new StageContext(
            config,
            vertx,
            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
            Router.router(vertx)));
  }

  /** A stage context that closes its Vert.x. */
  public record Context(StageContext stage) implements AutoCloseable {
    @Override
    public void close() {
      stage.vertx().close();
    }
  }

  private TestStages() {}
}
