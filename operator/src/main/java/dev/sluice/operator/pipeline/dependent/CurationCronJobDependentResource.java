package dev.sluice.operator.pipeline.dependent;

import dev.sluice.operator.pipeline.model.CurationCronJobs;
import dev.sluice.operator.pipeline.model.PipelineModel;
import dev.sluice.operator.pipeline.model.Stage;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import java.util.List;

/** The curation CronJob, present while spec.curation is set. */
public class CurationCronJobDependentResource extends PipelineBulkDependentResource<CronJob> {
  public CurationCronJobDependentResource() {
    super(CronJob.class);
  }

  @Override
  protected List<CronJob> desired(PipelineModel model) {
    return model.stages().contains(Stage.CURATION)
        ? List.of(CurationCronJobs.desired(model))
        : List.of();
  }
}
