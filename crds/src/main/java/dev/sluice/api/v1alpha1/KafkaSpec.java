package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.ValidationRule;

/** The Kafka cluster a pipeline uses and how its topics are provisioned. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "self.provisioner != 'Strimzi' || has(self.strimziCluster)",
    message = "kafka.strimziCluster is required when kafka.provisioner is Strimzi")
public class KafkaSpec {
  @Required
  @Pattern("^[^,\\s]+(,[^,\\s]+)*$")
  @JsonPropertyDescription(
      "Comma-separated host:port list of brokers, e.g. my-cluster-kafka-bootstrap:9092. A change"
          + " rolls every stage.")
  private String bootstrapServers;

  @Default("Admin")
  @JsonPropertyDescription(
      "How topics are made: Strimzi (KafkaTopic resources, for clusters run by Strimzi) or Admin"
          + " (the Kafka Admin API, directly).")
  private TopicProvisioner provisioner = TopicProvisioner.Admin;

  @Pattern(SluiceApi.NAME_PATTERN)
  @JsonPropertyDescription(
      "Name of the Strimzi Kafka cluster (the strimzi.io/cluster label of the KafkaTopics).")
  private String strimziCluster;

  @JsonPropertyDescription("Partitions, replicas and retention of the pipeline's topics.")
  private TopicSettings topics = new TopicSettings();

  public String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public TopicProvisioner getProvisioner() {
    return provisioner;
  }

  public void setProvisioner(TopicProvisioner provisioner) {
    this.provisioner = provisioner;
  }

  public String getStrimziCluster() {
    return strimziCluster;
  }

  public void setStrimziCluster(String strimziCluster) {
    this.strimziCluster = strimziCluster;
  }

  public TopicSettings getTopics() {
    return topics;
  }

  public void setTopics(TopicSettings topics) {
    this.topics = topics;
  }
}
