package dev.sluice.runtime.collector;

import dev.sluice.api.v1alpha1.PayloadLimits;
import dev.sluice.runtime.kafka.KafkaClientConfigs;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The collector's producer: {@link KafkaClientConfigs#producer} (idempotent, {@code acks=all}) that
 * never blocks its caller, so it can be called on the HTTP event loop: {@code max.block.ms} 0 (a
 * full buffer or unknown topic metadata fails the send at once: 503), topic metadata kept however
 * long a topic is idle ({@code metadata.max.idle.ms} one day; {@link
 * dev.sluice.runtime.collector.publish.KafkaHealth} fetches it before the collector is ready), and
 * bounded waits so a request fails within seconds while Kafka is down: {@code request.timeout.ms}
 * {@value #REQUEST_TIMEOUT_MS}, {@code delivery.timeout.ms} {@value #DELIVERY_TIMEOUT_MS}. {@code
 * max.request.size} fits the largest event plus headers; the topic's {@code max.message.bytes} must
 * too.
 */
final class CollectorProducerConfig {
  static final int MAX_BLOCK_MS = 0;
  static final int METADATA_MAX_IDLE_MS = 86_400_000;
  static final int REQUEST_TIMEOUT_MS = 3_000;
  static final int DELIVERY_TIMEOUT_MS = 6_000;

  static Map<String, Object> of(String bootstrapServers, String clientId, PayloadLimits limits) {
    Map<String, Object> p = KafkaClientConfigs.producer(bootstrapServers, clientId);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, MAX_BLOCK_MS);
    p.put(ProducerConfig.METADATA_MAX_IDLE_CONFIG, METADATA_MAX_IDLE_MS);
    // A request waits for its acknowledgement: linger adds to every answer's latency, and under
    // load batches fill while earlier requests are in flight anyway.
    p.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
    p.put(
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
        Math.max(1_048_576, limits.getMaxEventBytes() + 65_536));
    return p;
  }

  private CollectorProducerConfig() {}
}
