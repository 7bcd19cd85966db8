package dev.sluice.runtime.collector.publish;

import java.util.List;

/**
 * What happened to the events of one request, once Kafka acknowledged every write.
 *
 * @param accepted events written to the raw topic
 * @param rejected events written to the raw dead-letter topic, in request order
 */
public record PublishResult(int accepted, List<Candidate> rejected) {}
