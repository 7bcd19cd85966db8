package dev.sluice.operator.pipeline.topics;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.operator.Labels;
import io.javaoperatorsdk.operator.api.config.informer.InformerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.CRUDKubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.KubernetesBulkDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResourceConfigBuilder;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The pipeline's Strimzi KafkaTopics. Not owned by the pipeline (no owner reference), so deleting
 * the pipeline keeps them and their topics under deletionPolicy Retain; the pipeline's cleanup
 * deletes them under Delete. Active only with provisioner Strimzi on a cluster with the CRD.
 */
public class StrimziTopicsDependentResource
    extends KubernetesDependentResource<KafkaTopic, DataPipeline>
    implements CRUDKubernetesBulkDependentResource<KafkaTopic, DataPipeline>,
        KubernetesBulkDependentResource<KafkaTopic, DataPipeline> {

  @SuppressWarnings("this-escape") // configureWith only stores the informer configuration
  public StrimziTopicsDependentResource() {
    super(KafkaTopic.class);
    configureWith(
        new KubernetesDependentResourceConfigBuilder<KafkaTopic>()
            .withKubernetesDependentInformerConfig(
                InformerConfiguration.builder(KafkaTopic.class)
                    .withLabelSelector(Labels.SELECTOR + "," + Labels.PIPELINE)
                    .build())
            .build());
  }

  @Override
  public Map<ResourceID, KafkaTopic> desiredResources(
      DataPipeline primary, Context<DataPipeline> context) {
    return StrimziTopics.desired(primary).values().stream()
        .collect(Collectors.toMap(ResourceID::fromResource, t -> t));
  }
}
