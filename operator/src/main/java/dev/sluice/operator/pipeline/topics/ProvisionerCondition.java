package dev.sluice.operator.pipeline.topics;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.api.v1alpha1.TopicProvisioner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import java.util.Objects;

/**
 * Activation condition of a topic dependent: the pipeline's kafka.provisioner is the one the
 * dependent implements; for Strimzi, the KafkaTopic CRD must also be installed.
 */
public final class ProvisionerCondition implements Condition<Object, DataPipeline> {
  private final TopicProvisioner provisioner;
  private final CrdPresence crds;

  /**
   * @param provisioner the provisioner the dependent implements
   * @param crds checks the KafkaTopic CRD (used for Strimzi only)
   */
  public ProvisionerCondition(TopicProvisioner provisioner, CrdPresence crds) {
    this.provisioner = provisioner;
    this.crds = crds;
  }

  /**
   * The provisioner a pipeline selects.
   *
   * @param pipeline a DataPipeline
   * @return spec.kafka.provisioner, Admin when unset
   */
  public static TopicProvisioner of(DataPipeline pipeline) {
    return Objects.requireNonNullElse(
        pipeline.getSpec().getKafka().getProvisioner(), TopicProvisioner.Admin);
  }

  @Override
  public boolean isMet(
      DependentResource<Object, DataPipeline> dependent,
      DataPipeline pipeline,
      Context<DataPipeline> context) {
    if (of(pipeline) != provisioner) {
      return false;
    }
    return provisioner != TopicProvisioner.Strimzi || crds.installed(CrdPresence.KAFKA_TOPICS);
  }
}
