package dev.sluice.operator.pipeline.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.v1alpha1.DataPipeline;
import dev.sluice.operator.pipeline.Pipelines;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicPlanTest {
  @Test
  void fiveTopicsWithTheSpecSettings() {
    DataPipeline pipeline = Pipelines.flights();
    pipeline.getSpec().getKafka().getTopics().setPartitions(6);
    pipeline.getSpec().getKafka().getTopics().setRetention("36h");
    assertThat(TopicPlan.of(pipeline))
        .containsExactly(
            new TopicSpec("flights.raw", 6, 1, 129_600_000L),
            new TopicSpec("flights.raw.dlq", 6, 1, 129_600_000L),
            new TopicSpec("flights.enriched", 6, 1, 129_600_000L),
            new TopicSpec("flights.enriched.dlq", 6, 1, 129_600_000L),
            new TopicSpec("flights.loader.dlq", 6, 1, 129_600_000L));
  }

  @Test
  void strimziKafkaTopicsCarryTheClusterLabelAndRetention() {
    Map<String, KafkaTopic> topics = StrimziTopics.desired(Pipelines.flights());
    assertThat(topics).hasSize(5);
    KafkaTopic raw = topics.get("flights.raw");
    assertThat(raw.getMetadata().getNamespace()).isEqualTo("data");
    assertThat(raw.getMetadata().getLabels())
        .containsEntry("strimzi.io/cluster", "my-cluster")
        .containsEntry("sluice.dev/pipeline", "flights");
    assertThat(raw.getSpec().getTopicName()).isEqualTo("flights.raw");
    assertThat(raw.getSpec().getPartitions()).isEqualTo(3);
    assertThat(raw.getSpec().getReplicas()).isEqualTo(1);
    assertThat(raw.getSpec().getConfig()).containsEntry("retention.ms", 604_800_000);
    assertThat(StrimziTopics.isReady(raw)).isFalse();
  }

  @Test
  void aKafkaTopicSpecReadsBackAsItWasWritten() {
    // What the server-side-apply matcher compares: the desired spec, and the same spec after a
    // JSON round trip through the API server.
    var json = new io.fabric8.kubernetes.client.utils.KubernetesSerialization();
    DataPipeline longRetention = Pipelines.flights();
    longRetention.getSpec().getKafka().getTopics().setRetention("30d");
    for (DataPipeline pipeline : java.util.List.of(Pipelines.flights(), longRetention)) {
      for (KafkaTopic desired : StrimziTopics.desired(pipeline).values()) {
        KafkaTopic stored = json.unmarshal(json.asJson(desired), KafkaTopic.class);
        assertThat(json.convertValue(stored.getSpec(), Map.class))
            .isEqualTo(json.convertValue(desired.getSpec(), Map.class));
      }
    }
  }

  @Test
  void durations() {
    assertThat(TopicPlan.toMillis("500ms")).isEqualTo(500);
    assertThat(TopicPlan.toMillis("1h30m")).isEqualTo(5_400_000);
    assertThat(TopicPlan.toMillis("7d")).isEqualTo(604_800_000);
    assertThatThrownBy(() -> TopicPlan.toMillis("7 days"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TopicPlan.toMillis("")).isInstanceOf(IllegalArgumentException.class);
  }
}
