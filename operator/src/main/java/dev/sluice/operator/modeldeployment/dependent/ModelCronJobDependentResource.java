package dev.sluice.operator.modeldeployment.dependent;

import dev.sluice.api.v1alpha1.ModelDeployment;
import dev.sluice.operator.modeldeployment.model.ModelBatchJobs;
import dev.sluice.operator.modeldeployment.model.ModelServing;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.util.List;

/** The batch job's CronJob, present in mode Batch only. */
public class ModelCronJobDependentResource extends ModelBulkDependentResource<CronJob> {
  public ModelCronJobDependentResource() {
    super(CronJob.class);
  }

  @Override
  protected List<CronJob> desired(ModelServing model, Context<ModelDeployment> context) {
    return model.serves() ? List.of() : List.of(ModelBatchJobs.cronJob(model));
  }
}
