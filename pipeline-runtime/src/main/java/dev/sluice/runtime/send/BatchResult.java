package dev.sluice.runtime.send;

import java.util.Map;

/**
 * What the collector said about one batch.
 *
 * @param accepted events acknowledged by Kafka
 * @param rejectedByReason rejected events by reason (the collector's reason word or HTTP status)
 * @param failed events that could not be delivered at all (collector unreachable or overloaded past
 *     the retry deadline)
 */
public record BatchResult(long accepted, Map<String, Long> rejectedByReason, long failed) {}
