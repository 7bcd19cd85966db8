package dev.sluice.api.stage.model;

/**
 * Stream mode of a model server: consume CloudEvents from {@code inputTopic}, produce one
 * prediction event per input event to {@code outputTopic} (at-least-once), events whose data cannot
 * become model input to {@code deadLetterTopic}.
 *
 * @param bootstrapServers Kafka bootstrap servers ({@code SLUICE_KAFKA_BOOTSTRAP_SERVERS} wins)
 * @param inputTopic topic of input events, e.g. {@code flights.enriched}
 * @param outputTopic topic of prediction events
 * @param deadLetterTopic topic of events that cannot be predicted (default {@code
 *     <outputTopic>.dlq})
 * @param consumerGroup Kafka consumer group (default {@code sluice-model-<deployment>})
 * @param maxPollRecords most events predicted in one batch (default 500)
 */
public record StreamConfig(
    String bootstrapServers,
    String inputTopic,
    String outputTopic,
    String deadLetterTopic,
    String consumerGroup,
    Integer maxPollRecords) {

  public StreamConfig {
    deadLetterTopic =
        deadLetterTopic == null && outputTopic != null ? outputTopic + ".dlq" : deadLetterTopic;
    maxPollRecords = maxPollRecords == null ? 500 : maxPollRecords;
  }

  void validate(Fields f) {
    f.topic("inputTopic", inputTopic);
    f.topic("outputTopic", outputTopic);
    f.topic("deadLetterTopic", deadLetterTopic);
    f.range("maxPollRecords", maxPollRecords, 1, 10_000);
  }
}
