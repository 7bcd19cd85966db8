package dev.sluice.operator.modeldeployment.model;

import dev.sluice.api.stage.model.CuratedInputConfig;
import dev.sluice.api.stage.model.ModelBatchConfig;
import dev.sluice.api.stage.model.ModelStageConfig;
import dev.sluice.api.stage.model.RegistryConfig;
import dev.sluice.api.v1alpha1.BatchSpec;
import dev.sluice.api.v1alpha1.ModelRegistrySpec;
import dev.sluice.operator.rollout.RouterConfigs;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.net.URI;
import java.util.Map;

/**
 * Mode Batch: a CronJob {@code <name>-batch} running the model batch stage ({@code --stage
 * model-batch}) on spec.batch.schedule, over the previous hour of curated data under
 * spec.batch.input, with spec.model.version (an alias is resolved at each run); and its ConfigMap,
 * the {@code batch} block of a {@link ModelStageConfig}. Every run reads the file afresh, so a
 * change takes effect at the next run. Pure.
 */
public final class ModelBatchJobs {
  private ModelBatchJobs() {}

  /**
   * The batch job's configuration.
   *
   * @param model a deployment in mode Batch whose spec.batch.input names a bucket and a prefix
   * @return {@code deployment} and the {@code batch} block
   */
  public static ModelStageConfig config(ModelServing model) {
    ModelRegistrySpec registry = model.spec().getRegistry();
    URI input = URI.create(model.spec().getBatch().getInput());
    String prefix = input.getPath().replaceAll("^/+|/+$", "");
    return new ModelStageConfig(
        model.name(),
        null,
        null,
        new ModelBatchConfig(
            model.spec().getModel().getName(),
            model.spec().getModel().getVersion(),
            new RegistryConfig(
                registry.getBucket(), registry.getEndpoint(), registry.getRegion(), null),
            new CuratedInputConfig(input.getHost(), prefix, null, null),
            null,
            null,
            null,
            null));
  }

  /**
   * The batch job's ConfigMap.
   *
   * @param model a deployment in mode Batch
   * @return {@code <name>-batch} with the key {@code stage.yaml}
   */
  public static ConfigMap configMap(ModelServing model) {
    return new ConfigMapBuilder()
        .withMetadata(
            model.metadata(model.batchName(), model.labels(ModelServing.MODEL_BATCH, null)))
        .withData(Map.of(ServerConfigs.FILE, RouterConfigs.yaml(config(model))))
        .build();
  }

  /**
   * The batch job's CronJob.
   *
   * @param model a deployment in mode Batch
   * @return {@code <name>-batch} on spec.batch.schedule, one run at a time, 3 successful and 3
   *     failed Jobs kept, 2 retries per run
   */
  public static CronJob cronJob(ModelServing model) {
    BatchSpec batch = model.spec().getBatch();
    return new CronJobBuilder()
        .withMetadata(
            model.metadata(model.batchName(), model.labels(ModelServing.MODEL_BATCH, null)))
        .withNewSpec()
        .withSchedule(batch.getSchedule())
        .withConcurrencyPolicy("Forbid")
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(model.labels(ModelServing.MODEL_BATCH, null))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(2)
        .withTemplate(ModelPods.batch(model))
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }
}
