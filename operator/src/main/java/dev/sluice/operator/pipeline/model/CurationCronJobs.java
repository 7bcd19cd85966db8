package dev.sluice.operator.pipeline.model;

import dev.sluice.api.v1alpha1.CurationSpec;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import java.util.Objects;

/** Desired CronJob of the curation stage. Pure. */
public final class CurationCronJobs {
  private CurationCronJobs() {}

  /**
   * The curation CronJob.
   *
   * @param model a pipeline whose spec.curation is set
   * @return {@code <pipeline>-curation} running {@code --stage curation --window Hour|Day} on the
   *     spec's schedule, one run at a time
   */
  public static CronJob desired(PipelineModel model) {
    Stage stage = Stage.CURATION;
    CurationSpec curation = model.spec().getCuration();
    return new CronJobBuilder()
        .withMetadata(model.metadata(stage))
        .withNewSpec()
        .withSchedule(curation.getSchedule())
        .withSuspend(Objects.requireNonNullElse(curation.getSuspend(), false))
        .withConcurrencyPolicy("Forbid")
        .withSuccessfulJobsHistoryLimit(3)
        .withFailedJobsHistoryLimit(3)
        .withNewJobTemplate()
        .withNewMetadata()
        .withLabels(model.labels(stage))
        .endMetadata()
        .withNewSpec()
        .withBackoffLimit(2)
        .withTemplate(StagePods.template(model, stage, "OnFailure"))
        .endSpec()
        .endJobTemplate()
        .endSpec()
        .build();
  }
}
