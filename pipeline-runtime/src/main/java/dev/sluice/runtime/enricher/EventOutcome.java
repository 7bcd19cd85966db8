package dev.sluice.runtime.enricher;

import dev.sluice.runtime.deadletter.ErrorClass;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What became of one raw record: the record to produce, and why it goes to the DLQ (null when it
 * goes to the enriched topic).
 *
 * @param record the enriched event or the dead-letter record
 * @param rejectedAs the dead-letter class, or null for an enriched event
 */
record EventOutcome(ProducerRecord<byte[], byte[]> record, ErrorClass rejectedAs) {}
