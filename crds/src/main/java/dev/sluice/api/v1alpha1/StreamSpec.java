package dev.sluice.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** Stream serving: predict every CloudEvent of a topic and produce prediction events. */
public class StreamSpec {
  @Required
  @JsonPropertyDescription("Comma-separated host:port list of Kafka brokers.")
  private String bootstrapServers;

  @Required
  @Pattern("^[A-Za-z0-9._-]{1,249}$")
  @JsonPropertyDescription("Topic of input events, e.g. flights.enriched.")
  private String inputTopic;

  @Required
  @Pattern("^[A-Za-z0-9._-]{1,249}$")
  @JsonPropertyDescription("Topic prediction events are produced to.")
  private String outputTopic;

  public String getBootstrapServers() {
    return bootstrapServers;
  }

  public void setBootstrapServers(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  public String getInputTopic() {
    return inputTopic;
  }

  public void setInputTopic(String inputTopic) {
    this.inputTopic = inputTopic;
  }

  public String getOutputTopic() {
    return outputTopic;
  }

  public void setOutputTopic(String outputTopic) {
    this.outputTopic = outputTopic;
  }
}
