package dev.sluice.api.stage.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The configuration file of a model stage (model-server, model-router or model-batch), which the
 * operator renders from a ModelDeployment and mounts; the format is documented in docs/models.md. A
 * model stage has no DataPipeline, so this file takes the place of {@code StageConfig}. The runtime
 * reads it with {@code ModelStageConfigs}; the operator writes it as YAML with Jackson.
 *
 * @param deployment name of the ModelDeployment (the {@code pipeline} tag of metrics and logs)
 * @param server the model server's settings; only for a model server
 * @param router the router's settings; only for a router
 * @param batch the batch job's settings; only for the batch job
 */
public record ModelStageConfig(
    @JsonProperty(required = true) String deployment,
    ModelServerConfig server,
    ModelRouterConfig router,
    ModelBatchConfig batch) {

  /** Largest accepted configuration file, in bytes. */
  public static final long MAX_BYTES = 1024L * 1024;

  /** The three model stages; each takes exactly its own block. */
  public enum Kind {
    /** {@code --stage model-server}: the {@code server} block. */
    SERVER,
    /** {@code --stage model-router}: the {@code router} block. */
    ROUTER,
    /** {@code --stage model-batch}: the {@code batch} block. */
    BATCH
  }

  /**
   * Checks every field for a stage of {@code kind}.
   *
   * @param kind the stage that will read this configuration
   * @param source where the configuration came from (a file path), the start of every message
   * @throws IllegalArgumentException naming the source and the field at fault, e.g. {@code model
   *     stage configuration /etc/sluice/stage.yaml: router.candidateWeight is 120, expected 0..100}
   */
  public void validate(Kind kind, String source) {
    Fields f = new Fields("model stage configuration " + source + ": ");
    f.name("deployment", deployment);
    switch (kind) {
      case SERVER -> {
        f.require(server != null, "server", "is required for stage model-server");
        f.require(router == null, "router", "is only allowed for stage model-router");
        f.require(batch == null, "batch", "is only allowed for stage model-batch");
        server.validate(f.nested("server."));
      }
      case ROUTER -> {
        f.require(router != null, "router", "is required for stage model-router");
        f.require(server == null, "server", "is only allowed for stage model-server");
        f.require(batch == null, "batch", "is only allowed for stage model-batch");
        router.validate(f.nested("router."));
      }
      case BATCH -> {
        f.require(batch != null, "batch", "is required for stage model-batch");
        f.require(server == null, "server", "is only allowed for stage model-server");
        f.require(router == null, "router", "is only allowed for stage model-router");
        batch.validate(f.nested("batch."));
      }
    }
  }
}
